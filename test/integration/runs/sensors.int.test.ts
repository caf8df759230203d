// Sensors on the real stack: a reschedule-mode http_sensor gives its slot back between pokes
// (its try is up_for_reschedule, then the same try succeeds), and a poke-mode sensor whose
// timeout runs out with soft_fail ends skipped.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import { createOutboundHttpClient } from "../../../lib/operators/http/outbound-http-client";
import { createActivities } from "../../../worker/activities";
import { storeDag } from "../../factories/run-dags";
import { tenantWithTriggerAccess, until, waitForRun } from "./support";
import { createWorker } from "../../../worker/create-worker";

let access: Access<"dag.trigger">;
let environment: { id: string; organizationId: string };
let stopWorker: () => Promise<void>;
let server: http.Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  ({ access, environment } = await tenantWithTriggerAccess());
  // The sensor pokes a server on this machine: this worker may reach loopback (the hosted default refuses it).
  const { worker, connection } = await createWorker({
    activities: createActivities({ db: db(), http: createOutboundHttpClient({ allowPrivateNetwork: true }) }),
  });
  const running = worker.run();
  stopWorker = async () => {
    if (worker.getState() === "RUNNING") worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
  };
  server = http.createServer((_req, res) => {
    hits++;
    if (hits <= 2) return res.writeHead(404, "Not Found").end("not yet");
    res.end(JSON.stringify({ ready: true }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await stopWorker?.();
  await new Promise<void>((r) => server?.close(() => r()));
  await closeTemporalClient();
  await closeDb();
});

describe("sensors on Temporal", () => {
  it("a reschedule-mode http_sensor pokes through two 404s, up_for_reschedule between pokes, and its one try succeeds", async () => {
    await storeDag(
      environment,
      `dag_id: wait_http
schedule: null
tasks:
  - task_id: ready
    operator: http_sensor
    endpoint: "${base}/ready"
    mode: reschedule
    poke_interval: PT0.5S
    response_check: "response.json().ready === true"
  - { task_id: after, operator: empty, upstream: [ready] }
`,
    );
    const run = await triggerDagRun(access, { dag_id: "wait_http" });
    const dagRun = await until("the run row", async () => (await db().dagRun.findFirst({ where: { environmentId: environment.id, dagId: "wait_http" } })) ?? false);
    // Between pokes the try holds no slot: its row and its task instance say up_for_reschedule.
    const between = await until("the sensor to be rescheduled", async () => {
      const t = await db().taskTry.findFirst({ where: { dagRunId: dagRun.id, taskId: "ready" } });
      const ti = await db().taskInstance.findFirst({ where: { dagRunId: dagRun.id, taskId: "ready" } });
      return t?.state === "up_for_reschedule" && ti?.state === "up_for_reschedule" ? { t, ti } : false;
    });
    expect(between.ti.nextTryAt).not.toBeNull();
    expect(between.ti.reason).toMatch(/pokes again at/);

    const done = await waitForRun(environment.id, "wait_http", run.dag_run_id);
    expect(done.state).toBe("success");
    expect(hits).toBe(3);
    const tries = await db().taskTry.findMany({ where: { dagRunId: done.id }, orderBy: { taskId: "asc" } });
    expect(tries.map((t) => [t.taskId, t.tryNumber, t.state])).toEqual([
      ["after", 1, "success"],
      ["ready", 1, "success"],
    ]);
    // The try kept its first poke's start; its log holds every poke.
    expect(tries[1].startDate.getTime()).toBe(between.t.startDate.getTime());
    const log = (await db().taskLogChunk.findMany({ where: { tryId: tries[1].id }, orderBy: { seq: "asc" } })).map((c) => c.text).join("");
    expect(log.match(/Response: 404/g)).toHaveLength(2);
    expect(log).toContain("Response: 200");
    expect(log).toContain("Success criteria met");
  });

  it("a poke-mode sensor past its timeout with soft_fail ends skipped, and its downstream is skipped", async () => {
    await storeDag(
      environment,
      `dag_id: wait_soft
schedule: null
tasks:
  - { task_id: later, operator: date_time_sensor, target_time: "2999-01-01T00:00:00Z", timeout: PT1S, poke_interval: PT0.3S, soft_fail: true }
  - { task_id: after, operator: empty, upstream: [later] }
`,
    );
    const run = await triggerDagRun(access, { dag_id: "wait_soft" });
    const done = await waitForRun(environment.id, "wait_soft", run.dag_run_id);
    expect(done.state).toBe("success");
    const tis = await db().taskInstance.findMany({ where: { dagRunId: done.id }, orderBy: { taskId: "asc" } });
    expect(tis.map((t) => [t.taskId, t.state])).toEqual([
      ["after", "skipped"],
      ["later", "skipped"],
    ]);
    const tryRow = await db().taskTry.findFirstOrThrow({ where: { dagRunId: done.id, taskId: "later" } });
    expect(tryRow).toMatchObject({ state: "skipped", activityKind: "regular" });
    expect(tryRow.error).toMatch(/Sensor has timed out.*soft_fail/);
  });
});

describe("external_task_sensor on Temporal", () => {
  it("waits for another DAG's task on the same logical date in its own environment, and never sees another tenant's", async () => {
    const L = "2026-03-01T00:00:00Z";
    const upstream = (dagId: string) => `dag_id: ${dagId}
schedule: null
tasks:
  - { task_id: load, operator: empty }
`;
    // Another tenant has a successful run of "theirs" on the same logical date.
    const other = await tenantWithTriggerAccess();
    await storeDag(other.environment, upstream("theirs"));
    const theirs = await triggerDagRun(other.access, { dag_id: "theirs", logical_date: L });
    expect((await waitForRun(other.environment.id, "theirs", theirs.dag_run_id)).state).toBe("success");

    await storeDag(environment, upstream("ours"));
    await storeDag(
      environment,
      `dag_id: waits
schedule: null
tasks:
  - { task_id: on_ours, operator: external_task_sensor, external_dag_id: ours, external_task_id: load, poke_interval: PT0.3S, timeout: PT20S }
  - { task_id: on_theirs, operator: external_task_sensor, external_dag_id: theirs, external_task_id: load, poke_interval: PT0.3S, timeout: PT2S }
`,
    );
    const waiting = await triggerDagRun(access, { dag_id: "waits", logical_date: L });
    await new Promise((r) => setTimeout(r, 700));
    const ours = await triggerDagRun(access, { dag_id: "ours", logical_date: L });
    expect((await waitForRun(environment.id, "ours", ours.dag_run_id)).state).toBe("success");
    const done = await waitForRun(environment.id, "waits", waiting.dag_run_id);
    const tis = await db().taskInstance.findMany({ where: { dagRunId: done.id }, orderBy: { taskId: "asc" } });
    expect(tis.map((t) => [t.taskId, t.state])).toEqual([
      ["on_ours", "success"],
      ["on_theirs", "failed"],
    ]);
    const failed = await db().taskTry.findFirstOrThrow({ where: { dagRunId: done.id, taskId: "on_theirs" } });
    expect(failed.error).toMatch(/Sensor has timed out/);
  });
});

describe("a rescheduled sensor holds no slot", () => {
  it("another task of its pool runs while it waits between pokes", async () => {
    await db().pool.create({ data: { organizationId: environment.organizationId, environmentId: environment.id, name: "one", slots: 1 } });
    await storeDag(
      environment,
      `dag_id: shares_pool
schedule: null
tasks:
  - { task_id: sensor, operator: date_time_sensor, target_time: "{{ dag_run.conf.at }}", mode: reschedule, pool: one }
  - { task_id: pause, operator: time_delta_sensor, delta: PT0.5S }
  - { task_id: work, operator: empty, pool: one, upstream: [pause] }
`,
    );
    const target = Date.now() + 3_000;
    const run = await triggerDagRun(access, { dag_id: "shares_pool", conf: { at: new Date(target).toISOString() } });
    const done = await waitForRun(environment.id, "shares_pool", run.dag_run_id);
    expect(done.state).toBe("success");
    const tries = Object.fromEntries((await db().taskTry.findMany({ where: { dagRunId: done.id } })).map((t) => [t.taskId, t]));
    // The pool's one slot went to `work` while the sensor was up_for_reschedule, well before its target time.
    expect(tries.work.startDate.getTime()).toBeGreaterThan(tries.sensor.startDate.getTime());
    expect(tries.work.endDate!.getTime()).toBeLessThan(target);
    expect(tries.sensor.endDate!.getTime()).toBeGreaterThanOrEqual(target);
    expect(tries.sensor).toMatchObject({ state: "success", tryNumber: 1 });
  });
});
