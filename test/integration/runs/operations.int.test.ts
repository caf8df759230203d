// Operators acting on runs through the REST API, on the real Temporal server and worker:
// clearing a failed task of a finished run re-runs it and its downstream (new try number,
// fresh retry budget); a dry run changes nothing; marking a task success unblocks its
// downstream; marking a running run failed stops its running try within seconds; viewers 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clearRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/clearTaskInstances/route";
import * as runRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/dagRuns/[dag_run_id]/route";
import * as tiRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/[task_id]/route";
import type { Access } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { reconcileQueuedRuns } from "../../../lib/server/services/runs/reconcile-queued-runs";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import { callRoute } from "../../factories/dags";
import { storeDag } from "../../factories/run-dags";
import { makeMember, type Tenant } from "../authz-gate/fixtures";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "./support";

let tenant: Tenant;
let access: Access<"dag.trigger">;
let env: string;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

// `flaky` fails its first try and succeeds later; `after` depends on it.
const FLAKY = `dag_id: flaky
schedule: null
tasks:
  - task_id: flaky
    operator: script
    retries: 0
    code: |
      export default (ctx) => {
        if (ctx.try_number === 1) throw new Error("first try fails");
        return "ok on try " + ctx.try_number;
      }
  - { task_id: after, operator: script, upstream: [flaky], code: "export default () => 'done'" }
`;

// `slow` waits 60 s (each pull is a database read, so the worker stays responsive).
const SLOW = `dag_id: slow
schedule: null
tasks:
  - task_id: slow
    operator: script
    execution_timeout: PT5M
    code: |
      export default async (ctx) => {
        const end = Date.now() + 60000;
        let beat = 0;
        while (Date.now() < end) {
          await ctx.xcom.pull("nothing_here");
          if (Date.now() - beat > 300) { beat = Date.now(); console.log("still working"); }
        }
      }
  - { task_id: after, operator: script, upstream: [slow], code: "export default () => 'done'" }
`;

// `flaky` fails its first try while `busy` keeps the run running for a few seconds.
const MID = `dag_id: mid
schedule: null
tasks:
  - task_id: flaky
    operator: script
    retries: 0
    code: |
      export default (ctx) => {
        if (ctx.try_number === 1) throw new Error("first try fails");
        return "ok";
      }
  - task_id: busy
    operator: script
    code: |
      export default async (ctx) => {
        const end = Date.now() + 6000;
        while (Date.now() < end) await ctx.xcom.pull("nothing_here");
      }
  - { task_id: after, operator: script, upstream: [flaky, busy], code: "export default () => 'done'" }
`;

beforeAll(async () => {
  let environment: { id: string; organizationId: string };
  ({ tenant, access, environment } = await tenantWithTriggerAccess());
  env = environment.id;
  await storeDag(environment, FLAKY);
  await storeDag(environment, SLOW);
  await storeDag(environment, MID);
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), contentType: "application/json" });
const clear = (body: unknown, who = tenant.owner) => callRoute(who, clearRoute.POST, { env, dag_id: "flaky" }, json(body));
const tis = async (dagId: string, runId: string) => {
  const rows = await db().taskInstance.findMany({ where: { dagRun: { environmentId: env, dagId, runId } } });
  return Object.fromEntries(rows.map((r) => [r.taskId, { state: r.state, try_number: r.tryNumber, max_tries: r.maxTries }]));
};
async function failedFlakyRun(runId: string) {
  await triggerDagRun(access, { dag_id: "flaky", dag_run_id: runId });
  const run = await waitForRun(env, "flaky", runId);
  expect(run.state).toBe("failed");
  expect(await tis("flaky", runId)).toMatchObject({ flaky: { state: "failed", try_number: 1 }, after: { state: "upstream_failed" } });
}

describe("run operations", () => {
  it("a dry run lists what would be cleared and changes nothing", async () => {
    await failedFlakyRun("dry");
    const before = await tis("flaky", "dry");
    const res = await clear({ dag_run_id: "dry", task_ids: ["flaky"], include_downstream: true, only_failed: false, dry_run: true });
    expect(res.status).toBe(200);
    const listed = res.body.task_instances.map((t: { task_id: string; state: string }) => [t.task_id, t.state]);
    expect(listed).toEqual([
      ["flaky", "failed"],
      ["after", "upstream_failed"],
    ]);
    expect(await tis("flaky", "dry")).toEqual(before);
    expect((await db().dagRun.findFirstOrThrow({ where: { environmentId: env, dagId: "flaky", runId: "dry" } })).state).toBe("failed");
  });

  it("without a dag_run_id a dry run lists the failed task in every failed run of the DAG", async () => {
    const res = await clear({ task_ids: ["flaky"], dry_run: true });
    expect(res.status).toBe(200);
    const runs = res.body.task_instances.filter((t: { task_id: string }) => t.task_id === "flaky").map((t: { dag_run_id: string }) => t.dag_run_id);
    expect(runs).toContain("dry");
    expect(res.body.task_instances.every((t: { state: string }) => t.state === "failed")).toBe(true);
  });

  it("clearing the failed task of a finished, failed run re-runs it and its downstream to success", async () => {
    await failedFlakyRun("clear");
    const res = await clear({ dag_run_id: "clear", task_ids: ["flaky"], include_downstream: true, only_failed: false, dry_run: false });
    expect(res.status).toBe(200);
    expect(res.body.task_instances.map((t: { task_id: string }) => t.task_id)).toEqual(["flaky", "after"]);
    // The cleared task keeps its try count and gets a fresh retry budget.
    expect(res.body.task_instances[0]).toMatchObject({ dag_run_id: "clear", state: "failed", new_state: "none", try_number: 1, max_tries: 1 });

    await waitForRunState("flaky", "clear", "success");
    expect(await tis("flaky", "clear")).toMatchObject({ flaky: { state: "success", try_number: 2 }, after: { state: "success", try_number: 1 } });
    const tries = await db().taskTry.findMany({ where: { dagRun: { environmentId: env, runId: "clear" }, taskId: "flaky" }, orderBy: { tryNumber: "asc" } });
    expect(tries.map((t) => [t.tryNumber, t.state])).toEqual([
      [1, "failed"],
      [2, "success"],
    ]);
    const audit = await db().auditEvent.findMany({ where: { environmentId: env, action: "dag_run.clear" } });
    expect(audit.length).toBeGreaterThan(0);
  });

  it("clearing a failed task mid-run (a workflow Update) runs it again in the same run", async () => {
    await triggerDagRun(access, { dag_id: "mid", dag_run_id: "mid" });
    await waitFor(async () => (await tis("mid", "mid")).flaky?.state === "failed", 30_000);
    expect((await db().dagRun.findFirstOrThrow({ where: { environmentId: env, dagId: "mid", runId: "mid" } })).state).toBe("running");
    const res = await callRoute(tenant.owner, clearRoute.POST, { env, dag_id: "mid" }, json({ dag_run_id: "mid", task_ids: ["flaky"], include_downstream: true, dry_run: false }));
    expect(res.status).toBe(200);
    expect(res.body.task_instances).toMatchObject([
      { task_id: "flaky", state: "failed", new_state: "none", try_number: 1 },
      { task_id: "after", state: "upstream_failed", new_state: "none", try_number: 0 },
    ]);
    await waitForRunState("mid", "mid", "success");
    expect(await tis("mid", "mid")).toMatchObject({ flaky: { state: "success", try_number: 2 }, busy: { state: "success", try_number: 1 }, after: { state: "success", try_number: 1 } });
  });

  it("a re-opened run whose start was lost is started by the reconciler and continues from the database", async () => {
    await failedFlakyRun("heal");
    // What a clear writes before it starts the new execution, as if Temporal was unreachable then.
    const run = await db().dagRun.findFirstOrThrow({ where: { environmentId: env, dagId: "flaky", runId: "heal" } });
    await db().taskInstance.updateMany({ where: { dagRunId: run.id }, data: { state: "none", startDate: null, endDate: null } });
    await db().taskInstance.updateMany({ where: { dagRunId: run.id, taskId: "flaky" }, data: { maxTries: 1 } });
    await db().dagRun.update({ where: { id: run.id }, data: { state: "queued", endDate: null, workflowStartedAt: null } });
    await waitFor(async () => {
      await reconcileQueuedRuns({ olderThanMs: 0 });
      return (await db().dagRun.findUniqueOrThrow({ where: { id: run.id } })).state !== "queued";
    }, 30_000);
    await waitForRunState("flaky", "heal", "success");
    expect(await tis("flaky", "heal")).toMatchObject({ flaky: { state: "success", try_number: 2 }, after: { state: "success", try_number: 1 } });
  });

  it("marking the failed task success unblocks its downstream", async () => {
    await failedFlakyRun("mark");
    const res = await callRoute(tenant.owner, tiRoute.PATCH, { env, dag_id: "flaky", dag_run_id: "mark", task_id: "flaky" }, { ...json({ new_state: "success" }), method: "PATCH" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ task_id: "flaky", state: "success" });
    await waitForRunState("flaky", "mark", "success");
    expect(await tis("flaky", "mark")).toMatchObject({ flaky: { state: "success", try_number: 1 }, after: { state: "success", try_number: 1 } });
  });

  it("marking a running run failed stops its running try within seconds", async () => {
    await triggerDagRun(access, { dag_id: "slow", dag_run_id: "cancel" });
    await waitFor(async () => (await tis("slow", "cancel")).slow?.state === "running", 30_000);
    await new Promise((r) => setTimeout(r, 1_500)); // its log has begun
    const started = Date.now();
    const res = await callRoute(tenant.owner, runRoute.PATCH, { env, dag_id: "slow", dag_run_id: "cancel" }, { ...json({ state: "failed" }), method: "PATCH" });
    expect(res.status).toBe(200);
    await waitForRunState("slow", "cancel", "failed", 10_000);
    await waitFor(async () => {
      const t = await db().taskTry.findFirst({ where: { dagRun: { environmentId: env, runId: "cancel" }, taskId: "slow", tryNumber: 1 } });
      return t !== null && t.state !== "running" && t.endDate !== null;
    }, 10_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    const stopped = await db().taskTry.findFirstOrThrow({ where: { dagRun: { environmentId: env, runId: "cancel" }, taskId: "slow", tryNumber: 1 } });
    // The try's code really stops (a regular activity hears of the cancel at its next heartbeat,
    // every 10 s): its log stops growing.
    const logged = () => db().taskLogChunk.count({ where: { tryId: stopped.id } });
    await new Promise((r) => setTimeout(r, Math.max(0, started + 12_000 - Date.now())));
    const settled = await logged();
    expect(settled).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await logged()).toBe(settled);
    expect(stopped).toMatchObject({ state: "failed" });
    expect(stopped.error).toContain("stopped");
    const after = await tis("slow", "cancel");
    expect(after.slow.state).toBe("failed");
    expect(after.after).toMatchObject({ state: "skipped", try_number: 0 });
  });

  it("rejects bad bodies naming the field, unknown ids with 404, and viewers with 403", async () => {
    const bad = await clear({ task_ids: [], dry_run: "yes" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["dry_run", "task_ids"]);
    const badMark = await callRoute(tenant.owner, tiRoute.PATCH, { env, dag_id: "flaky", dag_run_id: "dry", task_id: "flaky" }, { ...json({ new_state: "running" }), method: "PATCH" });
    expect(badMark.status).toBe(422);
    expect(badMark.body.error.details[0].field).toBe("new_state");
    const badRun = await callRoute(tenant.owner, runRoute.PATCH, { env, dag_id: "flaky", dag_run_id: "dry" }, { ...json({ state: "paused" }), method: "PATCH" });
    expect(badRun.status).toBe(422);
    expect((await clear({ dag_run_id: "nope", task_ids: ["flaky"], dry_run: true })).status).toBe(404);
    expect((await callRoute(tenant.owner, tiRoute.PATCH, { env, dag_id: "flaky", dag_run_id: "dry", task_id: "nope" }, { ...json({ new_state: "success" }), method: "PATCH" })).status).toBe(404);

    const viewer = await makeMember(tenant, "viewer");
    expect((await clear({ dag_run_id: "dry", task_ids: ["flaky"], dry_run: true }, viewer)).status).toBe(403);
    expect((await callRoute(viewer, tiRoute.PATCH, { env, dag_id: "flaky", dag_run_id: "dry", task_id: "flaky" }, { ...json({ new_state: "success" }), method: "PATCH" })).status).toBe(403);
    expect((await callRoute(viewer, runRoute.PATCH, { env, dag_id: "flaky", dag_run_id: "dry" }, { ...json({ state: "success" }), method: "PATCH" })).status).toBe(403);
    expect((await tis("flaky", "dry")).flaky.state).toBe("failed");
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForRunState(dagId: string, runId: string, state: string, timeoutMs = 60_000) {
  let last = "";
  await waitFor(async () => {
    last = (await db().dagRun.findFirstOrThrow({ where: { environmentId: env, dagId, runId } })).state;
    return last === state;
  }, timeoutMs).catch(() => {
    throw new Error(`run ${dagId}/${runId} is ${last}, not ${state}`);
  });
}
