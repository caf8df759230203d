import { describe, expect, it } from "vitest";
import { chain, dag, duration, spreadSchedule, stableHash } from "../../../lib/sdk/index";
import { validateDagValue } from "../../../lib/domain/dag/validate-dag";

const valid = (d: unknown) => {
  const r = validateDagValue(JSON.parse(JSON.stringify(d)), { file: "sdk" });
  expect(r.errors).toEqual([]);
  return r.spec!;
};

describe("windsock/sdk", () => {
  it("builds the same DagSpec as the equivalent YAML file", () => {
    const d = dag({ dag_id: "users", schedule: "@daily", start_date: "2024-01-01T00:00:00Z" }, (t) => {
      const create = t.sql("create_table", { conn_id: "pg", sql: "CREATE TABLE IF NOT EXISTS users (id int)" });
      const check = t.http_sensor("is_api_available", { endpoint: "https://randomuser.me/api/", poke_interval: duration({ seconds: 30 }) });
      const fetch = t.http("fetch_user", { endpoint: "https://randomuser.me/api/", method: "GET" });
      const extract = t.script("extract_user", { code: "export default (ctx) => 1" });
      chain(create, check, fetch, extract);
    });
    const spec = valid(d);
    expect(spec.tasks.map((t) => [t.task_id, t.upstream])).toEqual([
      ["create_table", []],
      ["is_api_available", ["create_table"]],
      ["fetch_user", ["is_api_available"]],
      ["extract_user", ["fetch_user"]],
    ]);
    expect(spec.tasks[1]).toMatchObject({ poke_interval: 30_000 });
  });

  it("prefixes task ids inside groups and wires fan-out/fan-in like Airflow's chain", () => {
    const d = dag({ dag_id: "g" }, (t) => {
      const start = t.empty("start");
      let a!: ReturnType<typeof t.empty>, b!: ReturnType<typeof t.empty>;
      t.group("load", { default_args: { retries: 4 } }, (g) => {
        a = g.empty("a");
        b = g.empty("b");
      });
      const end = t.empty("end", { trigger_rule: "none_failed" });
      chain(start, [a, b], end);
      expect(() => chain([a, b], [start])).toThrow(/same length/);
    });
    const spec = valid(d);
    const up = Object.fromEntries(spec.tasks.map((t) => [t.task_id, t.upstream]));
    expect(up).toEqual({ start: [], "load.a": ["start"], "load.b": ["start"], end: ["load.a", "load.b"] });
    expect(spec.tasks.find((t) => t.task_id === "load.a")!.retries).toBe(4);
  });

  it("spreads schedules by a stable hash of the key", () => {
    expect(spreadSchedule("customer_42")).toBe(spreadSchedule("customer_42"));
    expect(spreadSchedule("customer_42")).toMatch(/^([0-9]|[1-5][0-9]) \* \* \* \*$/);
    const daily = spreadSchedule("customer_42", { every: "day", hours: [1, 5] });
    const [, hour] = daily.split(" ").map(Number);
    expect(hour).toBeGreaterThanOrEqual(1);
    expect(hour).toBeLessThanOrEqual(5);
    const minutes = new Set(Array.from({ length: 200 }, (_, i) => stableHash(`k${i}#minute`, 60)));
    expect(minutes.size).toBeGreaterThan(40); // spread, not clumped
  });

  it("formats durations as ISO-8601", () => {
    expect(duration({ minutes: 5 })).toBe("PT5M");
    expect(duration({ days: 1, hours: 2 })).toBe("P1DT2H");
    expect(duration({ months: 1 })).toBe("P1M");
  });
});
