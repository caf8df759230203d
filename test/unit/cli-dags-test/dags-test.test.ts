// `windsock dags test` / `tasks test` end to end: spawn the real CLI on the example DAGs and
// check the exact contract: stdout holds only the result, logs go to stderr, exit 0/1/2.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

function windsock(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, "bin/windsock.js"), ...args], { cwd: root, timeout: 60_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
    });
  });
}

let api: http.Server;
let apiUrl: string;
const user = {
  name: { first: "Ada", last: "Lovelace" },
  location: { country: "United Kingdom" },
  login: { username: "ada", password: "engine" },
  email: "ada@example.com",
};

beforeAll(async () => {
  api = http.createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ results: [user], info: { seed: req.headers["x-run-id"] ?? null } }));
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => api.close(() => r())));

describe("windsock dags test", () => {
  it("runs the user processing DAG: create table, check API, fetch user, extract", async () => {
    const r = await windsock(["dags", "test", "examples/user_processing.yaml", "--json", "--logical-date", "2024-03-01", "--conf", JSON.stringify({ api_url: apiUrl })]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.dag_id).toBe("user_processing");
    expect(out.run_id).toMatch(/^manual__\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/);
    expect(out.state).toBe("success");
    expect(Object.keys(out.tasks)).toEqual(["create_table", "is_api_available", "extract_user", "process_user"]);
    expect(out.tasks.create_table.return_value).toMatch(/^CREATE TABLE IF NOT EXISTS users/);
    expect(out.tasks.is_api_available).toEqual({ state: "success", try_number: 1, return_value: 200 });
    expect(out.tasks.extract_user.return_value.results[0].email).toBe("ada@example.com");
    expect(out.tasks.extract_user.return_value.info.seed).toBe(out.run_id);
    expect(out.tasks.process_user).toEqual({
      state: "success",
      try_number: 1,
      return_value: { firstname: "Ada", lastname: "Lovelace", country: "United Kingdom", username: "ada", password: "engine", email: "ada@example.com" },
    });
    expect(r.stderr).toContain("{extract_user try 1} INFO - Calling HTTP method GET");
  });

  // States and try numbers as Airflow 3.1.8's DAG.test() gives them (airflow-reference/branching.py).
  it("branches and short-circuits as Airflow does (Saturday: the report is skipped)", async () => {
    const r = await windsock(["dags", "test", "examples/branching.yaml", "--json", "--logical-date", "2024-03-02T10:00:00Z", "--conf", '{"size": 5000}']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.state).toBe("success");
    expect(out.tasks).toEqual({
      choose_path: { state: "success", try_number: 1, return_value: "big_load" },
      small_load: { state: "skipped", try_number: 0 },
      big_load: { state: "success", try_number: 1, return_value: "loaded 5000 rows in 5 batches" },
      join: { state: "success", try_number: 1 },
      is_weekday: { state: "success", try_number: 1, return_value: false },
      send_report: { state: "skipped", try_number: 0 },
    });
  });

  // States and try numbers as Airflow 3.1.8's DAG.test() gives them (airflow-reference/retrying.py).
  it("retries, then fails the run with exit 1; logs of every try go to stderr", async () => {
    const r = await windsock(["dags", "test", "examples/retrying.yaml", "--json", "--no-retry-delay"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.state).toBe("failed");
    expect(out.tasks).toEqual({
      flaky: { state: "success", try_number: 3, return_value: { succeeded_on_try: 3 } },
      always_fails: { state: "failed", try_number: 2 },
      after_flaky: { state: "success", try_number: 1 },
      cleanup: { state: "success", try_number: 1, return_value: "cleaned up" },
      report: { state: "upstream_failed", try_number: 0 },
    });
    expect(r.stderr).toContain("{flaky try 1} ERROR - Task failed: temporary failure on try 1");
    expect(r.stderr).toContain("{flaky try 2} ERROR - Task failed: temporary failure on try 2");
    expect(r.stderr).toContain("{always_fails try 2} ERROR - Task failed: the upstream service is gone");
  });

  it("renders templates and passes XCom (conf overrides params)", async () => {
    const r = await windsock(["dags", "test", "examples/templating_xcom.yaml", "--json", "--logical-date", "2024-03-01", "--conf", '{"limit": 3, "tags": ["a", "b"]}']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.tasks.plan.return_value).toMatchObject({
      day: "2024-03-01",
      next_week: "2024-03-08",
      european: "01/03/2024",
      query: "SELECT * FROM events WHERE day = '20240301' LIMIT 3",
      interval: "2024-03-01..2024-03-01",
      tags: "a,b",
      key: "templating_xcom__plan__20240301",
      try_number: 1,
    });
    expect(out.tasks.use_plan.return_value).toEqual({ day: "2024-03-01", same_query: true, limit: 3 });
  });

  it("infers the manual data interval from the timetable (Airflow 2 defaults: the interval before the date)", async () => {
    const r = await windsock(["dags", "test", "examples/templating_xcom.yaml", "--json", "--logical-date", "2024-03-01", "--defaults", "airflow2"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tasks.plan.return_value.interval).toBe("2024-02-29..2024-03-01");
    expect(r.stderr).toContain("data interval 2024-02-29T00:00:00.000Z to 2024-03-01T00:00:00.000Z");
  });

  it("prints a readable summary without --json", async () => {
    const r = await windsock(["dags", "test", "examples/branching.yaml", "--logical-date", "2024-03-01"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^DAG branching, run manual__\S+: success in /);
    expect(r.stdout).toMatch(/TASK\s+STATE\s+TRIES\s+DURATION/);
    expect(r.stdout).toMatch(/small_load\s+success\s+1\s+(\d+ ms|[\d.]+ s)/);
    expect(r.stdout).toMatch(/big_load\s+skipped\s+0\s+-/);
    expect(r.stdout).not.toContain("INFO -");
  });

  it("exits 2 on an invalid file, with the errors on stderr", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "windsock-"));
    const file = path.join(dir, "bad.yaml");
    await writeFile(file, "dag_id: bad\ntasks:\n  - task_id: a\n    operator: scrpit\n");
    const r = await windsock(["dags", "test", file, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/scrpit/);
  });

  it("exits 2 when --conf does not fit the params", async () => {
    const r = await windsock(["dags", "test", "examples/templating_xcom.yaml", "--conf", '{"limit": "many"}']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/param 'limit': "many" is not of type integer \(from --conf\)/);
  });

  it("reads connections and variables from WINDSOCK_CONN_ / WINDSOCK_VAR_ and masks their secrets", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "windsock-"));
    const file = path.join(dir, "secrets.yaml");
    await writeFile(
      file,
      `dag_id: secrets_demo
tasks:
  - task_id: t
    operator: script
    args: { region: "{{ var.value.region }}", host: "{{ conn.my_db.host }}" }
    code: |
      export default async (ctx) => {
        const db = await ctx.conn("my_db");
        ctx.log.info("connecting with " + db.password);
        return { ...ctx.args, password: db.password };
      };
`,
    );
    const r = await windsock(["dags", "test", file, "--json"], {
      WINDSOCK_VAR_REGION: "eu-west-1",
      WINDSOCK_CONN_MY_DB: "postgres://app:pa55word-xyz@db.internal:5432/app",
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tasks.t.return_value).toEqual({ region: "eu-west-1", host: "db.internal", password: "***" });
    expect(r.stderr).toContain("{t try 1} INFO - connecting with ***");
    expect(r.stderr + r.stdout).not.toContain("pa55word-xyz");
  });

  it("refuses private addresses with --deny-private-network", async () => {
    const r = await windsock(["dags", "test", "examples/user_processing.yaml", "--json", "--deny-private-network", "--no-retry-delay", "--conf", JSON.stringify({ api_url: apiUrl })]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).tasks.is_api_available.state).toBe("failed");
    expect(r.stderr).toMatch(/refused to connect to 127\.0\.0\.1: it is a loopback address/);
  });
});

describe("windsock tasks test", () => {
  it("runs one task alone, ignoring its upstream", async () => {
    const r = await windsock(["tasks", "test", "examples/branching.yaml", "send_report", "--json", "--logical-date", "2024-03-01"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // Its upstream never ran, so the XCom it pulls is absent (null), as in Airflow's tasks test.
    expect(out).toMatchObject({ dag_id: "branching", task_id: "send_report", state: "success", try_number: 1, return_value: "report for 2024-03-01: undefined" });
    expect(out.run_id).toMatch(/^__airflow_temporary_run_/);
  });

  it("returns the task's value", async () => {
    const r = await windsock(["tasks", "test", "examples/user_processing.yaml", "create_table", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ task_id: "create_table", state: "success", try_number: 1 });
  });

  it("exits 1 when the task fails and 2 for an unknown task", async () => {
    const failed = await windsock(["tasks", "test", "examples/retrying.yaml", "always_fails", "--json"]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout).state).toBe("failed");
    const unknown = await windsock(["tasks", "test", "examples/retrying.yaml", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/has no task "nope"; its tasks are: flaky, always_fails/);
  });
});

describe("windsock dags test with sensors", () => {
  it("waits out a time_delta_sensor in poke mode and in reschedule mode (one try each), and says external_task_sensor needs the hosted service", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "windsock-"));
    const file = path.join(dir, "sensors.yaml");
    await writeFile(
      file,
      `dag_id: sensors
schedule: null
tasks:
  - { task_id: poke, operator: time_delta_sensor, delta: PT1S }
  - { task_id: resched, operator: time_delta_sensor, delta: PT2S, mode: reschedule, poke_interval: PT0.5S, upstream: [poke] }
  - { task_id: other_dag, operator: external_task_sensor, external_dag_id: ingest }
`,
    );
    const started = Date.now();
    const r = await windsock(["dags", "test", file, "--json"]);
    const out = JSON.parse(r.stdout);
    expect(out.tasks.poke).toEqual({ state: "success", try_number: 1 });
    expect(out.tasks.resched).toEqual({ state: "success", try_number: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(r.stderr).toContain("{resched try 1} INFO - Rescheduling: the sensor pokes again at");
    expect(out.tasks.other_dag.state).toBe("failed");
    expect(r.stderr).toMatch(/external_task_sensor needs the hosted service/);
    expect(r.code).toBe(1);
  });
});
