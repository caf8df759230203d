// The runs REST API as a client sees it: trigger, list, read a run, its task instances,
// an XCom entry and a try's log; 409 for a dag_run_id in use (one row), 422 naming the
// conf field that does not fit the DAG's params; a paused DAG's run waits for unpause.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as runsRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/dagRuns/route";
import * as runRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/dagRuns/[dag_run_id]/route";
import * as tisRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/route";
import * as xcomRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/[task_id]/xcomEntries/[key]/route";
import * as logRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/[task_id]/logs/[try_number]/route";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { startQueuedRuns } from "../../../lib/server/services/runs/trigger-dag-run";
import { callRoute } from "../../factories/dags";
import { storeDag } from "../../factories/run-dags";
import { makeMember, type Tenant } from "../authz-gate/fixtures";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "./support";

let tenant: Tenant;
let env: string;
let environment: { id: string; organizationId: string };
let worker: Awaited<ReturnType<typeof startTestWorker>>;

const DAG = `dag_id: greet
schedule: null
params:
  name: { type: string, default: world }
  times: { type: integer, minimum: 1, default: 1 }
tasks:
  - task_id: hello
    operator: script
    code: |
      export default (ctx) => {
        console.log("hello " + ctx.params.name);
        return { greeting: "hello " + ctx.params.name, times: ctx.params.times };
      }
`;

beforeAll(async () => {
  ({ tenant, environment } = await tenantWithTriggerAccess());
  env = environment.id;
  await storeDag(environment, DAG);
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

const post = (body: unknown, dag_id = "greet") =>
  callRoute(tenant.owner, runsRoute.POST, { env, dag_id }, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), contentType: "application/json" });

describe("runs REST API", () => {
  it("triggers a run with conf and serves the run, its task instances, XCom and log", async () => {
    const created = await post({ dag_run_id: "rest_run_1", conf: { name: "Ada", times: 3 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ dag_run_id: "rest_run_1", dag_id: "greet", state: "queued", conf: { name: "Ada", times: 3 }, run_type: "manual" });
    for (const field of ["logical_date", "data_interval_start", "data_interval_end", "start_date", "end_date"]) expect(created.body).toHaveProperty(field);

    await waitForRun(env, "greet", "rest_run_1");
    const run = await callRoute(tenant.owner, runRoute.GET, { env, dag_id: "greet", dag_run_id: "rest_run_1" });
    expect(run.status).toBe(200);
    expect(run.body.state).toBe("success");
    expect(Date.parse(run.body.end_date)).toBeGreaterThanOrEqual(Date.parse(run.body.start_date));

    const tis = await callRoute(tenant.owner, tisRoute.GET, { env, dag_id: "greet", dag_run_id: "rest_run_1" });
    expect(tis.body.total_entries).toBe(1);
    expect(tis.body.task_instances[0]).toMatchObject({ task_id: "hello", state: "success", try_number: 1 });
    expect(tis.body.task_instances[0].start_date).not.toBeNull();
    expect(tis.body.task_instances[0].end_date).not.toBeNull();

    const xcom = await callRoute(tenant.owner, xcomRoute.GET, { env, dag_id: "greet", dag_run_id: "rest_run_1", task_id: "hello", key: "return_value" });
    expect(xcom.body).toMatchObject({ key: "return_value", value: { greeting: "hello Ada", times: 3 } });

    const log = await callRoute(tenant.owner, logRoute.GET, { env, dag_id: "greet", dag_run_id: "rest_run_1", task_id: "hello", try_number: "1" });
    expect(log.status).toBe(200);
    expect(log.body).toContain("hello Ada");
    const followed = await callRoute(tenant.owner, logRoute.GET, { env, dag_id: "greet", dag_run_id: "rest_run_1", task_id: "hello", try_number: "1" }, { query: "?follow=true" });
    expect(followed.body).toContain("hello Ada");
    const missing = await callRoute(tenant.owner, logRoute.GET, { env, dag_id: "greet", dag_run_id: "rest_run_1", task_id: "hello", try_number: "2" });
    expect(missing.status).toBe(404);

    const list = await callRoute(tenant.owner, runsRoute.GET, { env, dag_id: "greet" });
    expect(list.body.total_entries).toBeGreaterThanOrEqual(1);
    expect(list.body.dag_runs.map((r: { dag_run_id: string }) => r.dag_run_id)).toContain("rest_run_1");
  });

  it("answers 409 for a dag_run_id in use and keeps one run", async () => {
    const [a, b] = await Promise.all([post({ dag_run_id: "twice" }), post({ dag_run_id: "twice" })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const again = await post({ dag_run_id: "twice" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect(await db().dagRun.count({ where: { environmentId: env, dagId: "greet", runId: "twice" } })).toBe(1);
    await waitForRun(env, "greet", "twice");
  });

  it("takes many triggers at once (more than the database pool holds)", async () => {
    const results = await Promise.all(Array.from({ length: 14 }, (_, i) => post({ dag_run_id: `burst_${i}` })));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    for (let i = 0; i < 14; i++) expect((await waitForRun(env, "greet", `burst_${i}`)).state).toBe("success");
  });

  it("answers 422 naming the conf field that does not fit the params, and 400 for malformed JSON", async () => {
    const bad = await post({ conf: { times: 0, name: 5 } });
    expect(bad.status).toBe(422);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["conf.times", "conf.name"]));
    expect((await post({ logical_date: "yesterday" })).body.error.details[0].field).toBe("logical_date");
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ dag_run_id: "x" }, "no_such_dag")).status).toBe(404);
  });

  it("lets a viewer read but not trigger", async () => {
    const viewer = await makeMember(tenant, "viewer");
    const res = await callRoute(viewer, runsRoute.POST, { env, dag_id: "greet" }, { method: "POST", body: "{}", contentType: "application/json" });
    expect(res.status).toBe(403);
    expect((await callRoute(viewer, runsRoute.GET, { env, dag_id: "greet" })).status).toBe(200);
  });

  it("keeps a paused DAG's run queued until the DAG is unpaused", async () => {
    await storeDag(environment, DAG.replace("dag_id: greet", "dag_id: greet_paused"), { paused: true });
    const res = await callRoute(tenant.owner, runsRoute.POST, { env, dag_id: "greet_paused" }, { method: "POST", body: JSON.stringify({ dag_run_id: "waits" }), contentType: "application/json" });
    expect(res.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1500));
    const queued = await db().dagRun.findUniqueOrThrow({ where: { environmentId_dagId_runId: { environmentId: env, dagId: "greet_paused", runId: "waits" } } });
    expect(queued.state).toBe("queued");
    expect(queued.workflowStartedAt).toBeNull();
    await db().dag.update({ where: { environmentId_dagId: { environmentId: env, dagId: "greet_paused" } }, data: { isPaused: false } });
    expect(await startQueuedRuns(env, "greet_paused")).toBe(1);
    expect((await waitForRun(env, "greet_paused", "waits")).state).toBe("success");
  });
});
