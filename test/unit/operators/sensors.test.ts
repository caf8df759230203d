// Sensors (Airflow's BaseSensorOperator semantics) with a fake clock: poke mode waits in the
// try, reschedule mode hands back "poke again at T", timeouts count from the first poke,
// soft_fail skips, exponential_backoff grows the interval.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../../lib/operators/ports";
import { nextPokeInterval } from "../../../lib/operators/builtin/sensor-kit";
import { parseTargetTime } from "../../../lib/operators/builtin/time-sensors";
import { harness, runDag, runOneTask, specOf } from "./run-helpers";

/** A clock that moves only when the code under test sleeps; records the sleeps. */
function fakeClock(start: number): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const T0 = Date.parse("2024-03-01T00:00:00Z");
// manualRun: logical date 2024-03-01T00:00Z; its data interval ends at the logical date.
const dagOf = (task: string) => `
dag_id: s
schedule: null
tasks:
  - ${task}
`;

describe("time_delta_sensor", () => {
  it("in poke mode waits in the try until data_interval_end + delta, then succeeds", async () => {
    const clock = fakeClock(T0);
    const h = { ...harness(), clock };
    const r = await runOneTask(dagOf("{ task_id: w, operator: time_delta_sensor, delta: PT90S }"), "w", { h });
    expect(r.state).toBe("success");
    expect(clock.now()).toBeGreaterThan(T0 + 90_000);
    expect(clock.sleeps).toHaveLength(1); // it knows when, so it does not poke every poke_interval
  });

  it("in reschedule mode reschedules straight to the target time", async () => {
    const clock = fakeClock(T0 + 10_000);
    const r = await runOneTask(dagOf("{ task_id: w, operator: time_delta_sensor, delta: PT1H, mode: reschedule }"), "w", { h: { ...harness(), clock } });
    expect(r).toMatchObject({ state: "rescheduled", reschedule_at: "2024-03-01T01:00:00.001Z" });
    expect(clock.sleeps).toEqual([]);
  });

  it("succeeds at once when the target has passed", async () => {
    const r = await runOneTask(dagOf("{ task_id: w, operator: time_delta_sensor, delta: PT1S }"), "w", { h: { ...harness(), clock: fakeClock(T0 + 5_000) } });
    expect(r.state).toBe("success");
  });

  it("fails without retry when the timeout runs out first, counting from the first poke across reschedules", async () => {
    const yaml = dagOf("{ task_id: w, operator: time_delta_sensor, delta: P1D, mode: reschedule, timeout: PT1H, retries: 3 }");
    const clock = fakeClock(T0);
    const first = await runOneTask(yaml, "w", { h: { ...harness(), clock } });
    // Never past the timeout: it comes back just after it to time out.
    expect(first.state).toBe("rescheduled");
    expect(Date.parse((first as { reschedule_at: string }).reschedule_at)).toBeLessThanOrEqual(T0 + 3600_000 + 1);
    const dag = specOf(yaml);
    const later = fakeClock(T0 + 3600_001);
    const { runTaskTry } = await import("../../../lib/operators/run-task-try");
    const h = harness();
    const second = await runTaskTry({
      dag,
      task: dag.tasks[0],
      run: (await import("./run-helpers")).manualRun(dag),
      try_number: 1,
      max_tries: 3,
      ports: { xcom: h.xcom, http: h.http, clock: later, log: { log: () => undefined } },
      sensor: { started_at: T0, pokes: 1 },
    });
    expect(second).toMatchObject({ state: "failed", retryable: false });
    expect((second as { error: string }).error).toMatch(/Sensor has timed out; run duration of 3600(\.\d+)? seconds is more than the specified timeout of 3600/);
  });

  it("with soft_fail ends skipped on timeout (poke mode)", async () => {
    const clock = fakeClock(T0);
    const r = await runOneTask(dagOf("{ task_id: w, operator: time_delta_sensor, delta: P1D, timeout: PT10S, soft_fail: true }"), "w", { h: { ...harness(), clock } });
    expect(r.state).toBe("skipped");
    expect((r as { reason: string }).reason).toMatch(/timed out.*soft_fail/);
  });
});

describe("date_time_sensor", () => {
  it("renders target_time and waits for it", async () => {
    const clock = fakeClock(T0);
    const r = await runOneTask(dagOf(`{ task_id: d, operator: date_time_sensor, target_time: "{{ macros.ds_add(ds, 1) }}T06:00:00Z", mode: reschedule }`), "d", {
      h: { ...harness(), clock },
    });
    expect(r).toMatchObject({ state: "rescheduled", reschedule_at: "2024-03-02T06:00:00.001Z" });
  });

  it("fails without retry on a target_time that is not a date", async () => {
    const r = await runOneTask(dagOf(`{ task_id: d, operator: date_time_sensor, target_time: "tomorrow" }`), "d");
    expect(r).toMatchObject({ state: "failed", retryable: false });
    expect((r as { error: string }).error).toContain("target_time 'tomorrow' is not a date and time");
  });

  it.each([
    ["2024-03-01T06:00:00Z", "2024-03-01T06:00:00.000Z"],
    ["2024-03-01 06:00:00+02:00", "2024-03-01T04:00:00.000Z"],
    ["2024-03-01T06:00:00", "2024-03-01T06:00:00.000Z"],
    ["2024-03-01", "2024-03-01T00:00:00.000Z"],
  ])("parses %s as %s (no offset: UTC)", (text, iso) => {
    expect(new Date(parseTargetTime(text)).toISOString()).toBe(iso);
  });
});

describe("poke intervals", () => {
  const req = { dag: specOf(dagOf("{ task_id: w, operator: time_delta_sensor, delta: PT1S, exponential_backoff: true }")), task: {} as never };
  req.task = req.dag.tasks[0] as never;

  it("exponential_backoff doubles the floor of each interval, with jitter below the next floor, never past the timeout", () => {
    const at = (pokeCount: number, runDuration = 0) => nextPokeInterval(req, { pokeInterval: 60_000, timeout: 7 * 86_400_000, runDuration, pokeCount, startedAt: T0 });
    for (const [count, floor] of [[1, 30], [2, 60], [3, 120], [4, 240]] as const) {
      expect(at(count)).toBeGreaterThanOrEqual(floor * 1000);
      expect(at(count)).toBeLessThan(2 * floor * 1000);
    }
    expect(at(30, 7 * 86_400_000 - 5_000)).toBe(5_000);
  });

  it("without it the interval is poke_interval", () => {
    const plain = { ...req, task: { ...(req.task as object), exponential_backoff: false } };
    expect(nextPokeInterval(plain as never, { pokeInterval: 60_000, timeout: 1e9, runDuration: 0, pokeCount: 5, startedAt: T0 })).toBe(60_000);
  });
});

describe("the local driver (windsock dags test)", () => {
  it.each(["poke", "reschedule"])("runs a time_delta_sensor DAG in %s mode to success, one try, then its downstream", async (mode) => {
    const now = Date.now();
    const r = await runDag(
      `
dag_id: s
schedule: null
tasks:
  - { task_id: wait, operator: time_delta_sensor, delta: PT0.3S, mode: ${mode}, poke_interval: PT0.1S }
  - { task_id: after, operator: empty, upstream: [wait] }
`,
      { run: { data_interval_end: new Date(now).toISOString() } },
    );
    expect(r.tasks.wait).toMatchObject({ state: "success", try_number: 1 });
    expect(r.tasks.after.state).toBe("success");
    expect(Date.now() - now).toBeGreaterThanOrEqual(290);
    if (mode === "reschedule") expect(r.h.logs.some((l) => l.includes("Rescheduling: the sensor pokes again"))).toBe(true);
  });
});

describe("sensors that do not run yet", () => {
  it("sql_sensor says it needs the sql operator", async () => {
    const r = await runOneTask(dagOf("{ task_id: q, operator: sql_sensor, conn_id: pg, sql: 'select 1' }"), "q");
    expect(r).toMatchObject({ state: "failed", retryable: false });
    expect((r as { error: string }).error).toBe("the 'sql_sensor' operator cannot run yet: it needs the sql operator, which arrives in a later version");
  });
});

describe("http_sensor", () => {
  let server: http.Server;
  let base: string;
  const hits: Record<string, number> = {};
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = (req.url ?? "").split("?")[0];
      const n = (hits[path] = (hits[path] ?? 0) + 1);
      if (path === "/ready-third" && n < 3) return res.writeHead(404, "Not Found").end("not yet");
      if (path === "/broken") return res.writeHead(500, "Internal Server Error").end("boom");
      if (path === "/status") return res.end(JSON.stringify({ done: n >= 2, q: req.url }));
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sensor = (fields: string) => `
dag_id: h
params: { base: "" }
tasks:
  - task_id: s
    operator: http_sensor
    poke_interval: PT5S
    ${fields}
`;

  it("keeps poking through 404s (poke mode) and succeeds on the first success answer", async () => {
    const clock = fakeClock(Date.now());
    const r = await runOneTask(sensor(`endpoint: "{{ params.base }}/ready-third"`), "s", { h: { ...harness(), clock }, run: { conf: { base } } });
    expect(r.state).toBe("success");
    expect(hits["/ready-third"]).toBe(3);
    expect(clock.sleeps).toEqual([5_000, 5_000]);
  });

  it("in reschedule mode a 404 reschedules at now + poke_interval", async () => {
    const clock = fakeClock(T0);
    const r = await runOneTask(sensor(`endpoint: "{{ params.base }}/nothing-${"here"}"
    mode: reschedule
    response_check: "(response) => false"`), "s", { h: { ...harness(), clock }, run: { conf: { base } } });
    expect(r).toMatchObject({ state: "rescheduled", reschedule_at: new Date(T0 + 5_000).toISOString() });
  });

  it("pokes again while response_check is falsy, GET with data as query parameters", async () => {
    const clock = fakeClock(Date.now());
    const r = await runOneTask(sensor(`endpoint: "{{ params.base }}/status"
    data: { day: "{{ ds }}" }
    response_check: "response.json().done"
    timeout: PT1M`), "s", { h: { ...harness(), clock }, run: { conf: { base } } });
    expect(r.state).toBe("success");
    expect(hits["/status"]).toBe(2);
    expect(r.h.logs.some((l) => l.includes("GET " + base + "/status?day=2024-03-01"))).toBe(true);
  });

  it("fails on an error status other than 404", async () => {
    const r = await runOneTask(sensor(`endpoint: "{{ params.base }}/broken"`), "s", { run: { conf: { base } } });
    expect(r).toMatchObject({ state: "failed" });
    expect((r as { error: string }).error).toContain("500:Internal Server Error");
  });
});

describe("external_task_sensor", () => {
  const ext = (fields: string) => dagOf(`{ task_id: x, operator: external_task_sensor, external_dag_id: upstream_dag, poke_interval: PT10S, ${fields} }`);
  /** A fake of the worker's port: the external run's states change as the clock moves. */
  function port(script: (call: number) => { run_id: string; state: string; tasks: Record<string, string> } | null) {
    const calls: { dag_id: string; logical_date: string; task_ids: string[] }[] = [];
    return { calls, findRun: async (q: (typeof calls)[number]) => script(calls.push(q) - 1) };
  }
  const run = async (yaml: string, p: ReturnType<typeof port>) => {
    const dag = specOf(yaml);
    const h = harness();
    const clock = fakeClock(T0);
    const { runTaskTry } = await import("../../../lib/operators/run-task-try");
    const { manualRun } = await import("./run-helpers");
    return runTaskTry({
      dag,
      task: dag.tasks[0],
      run: manualRun(dag),
      try_number: 1,
      max_tries: 0,
      ports: { xcom: h.xcom, http: h.http, clock, log: { log: () => undefined }, externalRuns: p },
    });
  };

  it("waits for the external task on the same logical date minus execution_delta", async () => {
    const p = port((n) => (n === 0 ? null : { run_id: "r", state: "running", tasks: { load: n < 2 ? "running" : "success" } }));
    const r = await run(ext("external_task_id: load, execution_delta: PT1H"), p);
    expect(r.state).toBe("success");
    expect(p.calls).toHaveLength(3);
    expect(p.calls[0]).toEqual({ dag_id: "upstream_dag", logical_date: "2024-02-29T23:00:00.000Z", task_ids: ["load"] });
  });

  it("without a task waits for the whole run's state in allowed_states", async () => {
    const p = port((n) => ({ run_id: "r", state: n < 1 ? "running" : "failed", tasks: {} }));
    expect(await run(ext("allowed_states: [success, failed]"), p)).toMatchObject({ state: "success" });
  });

  it("fails without retry on failed_states, or skips with soft_fail; skipped_states skip", async () => {
    const failed = () => port(() => ({ run_id: "r", state: "running", tasks: { load: "failed" } }));
    const hard = await run(ext("external_task_id: load, failed_states: [failed]"), failed());
    expect(hard).toMatchObject({ state: "failed", retryable: false });
    expect((hard as { error: string }).error).toContain("The external task(s) load of DAG 'upstream_dag' failed");
    expect(await run(ext("external_task_id: load, failed_states: [failed], soft_fail: true"), failed())).toMatchObject({ state: "skipped" });
    const skip = port(() => ({ run_id: "r", state: "running", tasks: { load: "skipped" } }));
    expect(await run(ext("external_task_id: load, skipped_states: [skipped]"), skip)).toMatchObject({ state: "skipped" });
  });

  it("in `windsock dags test` (no port) fails saying it needs the hosted service", async () => {
    const r = await runDag(ext("external_task_id: load"));
    expect(r.tasks.x).toMatchObject({ state: "failed", try_number: 1 });
    expect(r.tasks.x.error).toMatch(/external_task_sensor needs the hosted service/);
  });
});

describe("a poke-mode sensor's wait", () => {
  it("stops at its execution_timeout (and the try fails, to be retried)", async () => {
    const { systemClock } = await import("../../../lib/operators/ports");
    const started = Date.now();
    const r = await runOneTask(dagOf("{ task_id: w, operator: date_time_sensor, target_time: '2999-01-01T00:00:00Z', execution_timeout: PT0.3S }"), "w", {
      h: { ...harness(), clock: systemClock },
    });
    expect(r).toMatchObject({ state: "failed", retryable: true });
    expect((r as { error: string }).error).toContain("execution_timeout of 300 ms");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stops when the try is cancelled", async () => {
    const { systemClock } = await import("../../../lib/operators/ports");
    const { runTaskTry } = await import("../../../lib/operators/run-task-try");
    const { manualRun } = await import("./run-helpers");
    const dag = specOf(dagOf("{ task_id: w, operator: http_sensor, endpoint: 'http://127.0.0.1:9/never', poke_interval: PT1H }"));
    const h = harness({ http: { request: async () => ({ status: 404, statusText: "Not Found", headers: {}, body: "", url: "http://127.0.0.1:9/never" }) } as never });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled by the run")), 100);
    const started = Date.now();
    const r = await runTaskTry({
      dag,
      task: dag.tasks[0],
      run: manualRun(dag),
      try_number: 1,
      max_tries: 0,
      ports: { xcom: h.xcom, http: h.http, clock: systemClock, log: { log: () => undefined } },
      signal: controller.signal,
    });
    expect(r.state).toBe("failed");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
