// A DagRun end to end on the real stack: trigger (PostgreSQL row, then the Temporal
// workflow), tries as activities in the worker, every state, try, log line and XCom in
// PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import * as logRoute from "../../../app/api/v1/environments/[env]/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/[task_id]/logs/[try_number]/route";
import { runAsPrincipal } from "../../../lib/server/authz";
import { storeDag } from "../../factories/run-dags";
import type { Tenant } from "../authz-gate/fixtures";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "./support";

let access: Access<"dag.trigger">;
let tenant: Tenant;
let environment: { id: string; organizationId: string };
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  ({ access, environment, tenant } = await tenantWithTriggerAccess());
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

describe("a DagRun on Temporal", () => {
  it("retries a failing task, passes XCom downstream and records every try with its log", async () => {
    await storeDag(
      environment,
      `dag_id: flaky
schedule: null
params: { factor: { type: integer, default: 2 } }
tasks:
  - task_id: flaky
    operator: script
    retries: 2
    retry_delay: PT0.2S
    code: |
      export default (ctx) => {
        console.log("attempt " + ctx.try_number);
        if (ctx.try_number < 2) throw new Error("temporary failure on try " + ctx.try_number);
        return { n: 21 };
      }
  - task_id: double
    operator: script
    upstream: [flaky]
    code: |
      export default async (ctx) => {
        const v = await ctx.xcom.pull("flaky");
        return v.n * ctx.params.factor;
      }
`,
    );
    const run = await triggerDagRun(access, { dag_id: "flaky", conf: { factor: 2 } });
    expect(run.state).toBe("queued");
    expect(run.dag_run_id).toMatch(/^manual__/);
    const done = await waitForRun(environment.id, "flaky", run.dag_run_id);
    expect(done.state).toBe("success");
    expect(done.startDate).not.toBeNull();
    expect(done.endDate).not.toBeNull();

    const tries = await db().taskTry.findMany({ where: { dagRunId: done.id }, orderBy: [{ taskId: "asc" }, { tryNumber: "asc" }] });
    expect(tries.map((t) => [t.taskId, t.tryNumber, t.state])).toEqual([
      ["double", 1, "success"],
      ["flaky", 1, "failed"],
      ["flaky", 2, "success"],
    ]);
    expect(tries[1].error).toContain("temporary failure on try 1");
    const tis = await db().taskInstance.findMany({ where: { dagRunId: done.id }, orderBy: { taskId: "asc" } });
    expect(tis.map((t) => [t.taskId, t.state, t.tryNumber])).toEqual([
      ["double", "success", 1],
      ["flaky", "success", 2],
    ]);
    const xcom = await db().xCom.findUnique({ where: { dagRunId_taskId_key: { dagRunId: done.id, taskId: "double", key: "return_value" } } });
    expect(xcom?.value).toBe(42);
    const firstLog = await db().taskLogChunk.findMany({ where: { tryId: tries[1].id }, orderBy: { seq: "asc" } });
    const text = firstLog.map((c) => c.text).join("");
    expect(text).toContain("attempt 1");
    expect(text).toContain("temporary failure on try 1");
  });

  it("fails a run past its dagrun_timeout, stopping a running try and skipping what did not finish", async () => {
    await storeDag(
      environment,
      `dag_id: too_slow
schedule: null
dagrun_timeout: PT2S
tasks:
  - task_id: wait
    operator: script
    code: |
      export default async (ctx) => {
        const end = Date.now() + 20000;
        // Each pull is a database read, so the worker stays responsive while the try waits.
        while (Date.now() < end) await ctx.xcom.pull("nothing_here");
      }
  - { task_id: after, operator: empty, upstream: [wait] }
  - task_id: retrying
    operator: script
    retries: 3
    retry_delay: PT1M
    code: "export default () => { throw new Error('not yet') }"
`,
    );
    const run = await triggerDagRun(access, { dag_id: "too_slow" });
    const done = await waitForRun(environment.id, "too_slow", run.dag_run_id);
    expect(done.state).toBe("failed");
    expect(done.endDate!.getTime() - done.startDate!.getTime()).toBeLessThan(10_000);
    const tis = await db().taskInstance.findMany({ where: { dagRunId: done.id }, orderBy: { taskId: "asc" } });
    expect(tis.map((t) => [t.taskId, t.state])).toEqual([
      ["after", "skipped"],
      ["retrying", "skipped"],
      ["wait", "skipped"],
    ]);
    expect(tis[2].reason).toContain("dagrun_timeout");
    // The running try was stopped, not left running.
    await new Promise((r) => setTimeout(r, 1000));
    const tries = await db().taskTry.findMany({ where: { dagRunId: done.id, taskId: "wait" } });
    expect(tries.map((t) => t.state)).toEqual(["failed"]);
  });

  it("streams a running try's log with follow=true until the try ends", async () => {
    await storeDag(
      environment,
      `dag_id: talkative
schedule: null
tasks:
  - task_id: talk
    operator: script
    code: |
      export default async (ctx) => {
        console.log("first words");
        const end = Date.now() + 2500;
        while (Date.now() < end) await ctx.xcom.pull("nothing_here");
        console.log("last words");
      }
`,
    );
    const run = await triggerDagRun(access, { dag_id: "talkative" });
    const dagRun = await db().dagRun.findUniqueOrThrow({ where: { environmentId_dagId_runId: { environmentId: environment.id, dagId: "talkative", runId: run.dag_run_id } } });
    for (let i = 0; i < 100 && !(await db().taskTry.findFirst({ where: { dagRunId: dagRun.id, taskId: "talk" } })); i++) await new Promise((r) => setTimeout(r, 50));
    const params = { env: environment.id, dag_id: "talkative", dag_run_id: run.dag_run_id, task_id: "talk", try_number: "1" };
    const response = await runAsPrincipal(tenant.owner, () =>
      logRoute.GET(new Request("http://app.test/x?follow=true"), { params: Promise.resolve(params) }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const pieces: { at: number; text: string }[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push({ at: Date.now(), text: decoder.decode(value) });
    }
    const all = pieces.map((p) => p.text).join("");
    expect(all).toContain("first words");
    expect(all).toContain("last words");
    // The first words arrived while the try was still running, before the last ones.
    const firstAt = pieces.find((p) => p.text.includes("first words"))!.at;
    const lastAt = pieces.find((p) => p.text.includes("last words"))!.at;
    expect(lastAt - firstAt).toBeGreaterThan(500);
  });

  it("keeps a manual run queued while max_active_runs runs are active, then starts it", async () => {
    await storeDag(
      environment,
      `dag_id: one_at_a_time
schedule: null
max_active_runs: 1
tasks:
  - task_id: work
    operator: script
    code: |
      export default async (ctx) => {
        const end = Date.now() + 1500;
        while (Date.now() < end) await ctx.xcom.pull("nothing_here");
      }
`,
    );
    const a = await triggerDagRun(access, { dag_id: "one_at_a_time", dag_run_id: "first" });
    const b = await triggerDagRun(access, { dag_id: "one_at_a_time", dag_run_id: "second" });
    expect(b.state).toBe("queued");
    const waiting = await db().dagRun.findUniqueOrThrow({ where: { environmentId_dagId_runId: { environmentId: environment.id, dagId: "one_at_a_time", runId: "second" } } });
    expect(waiting.workflowStartedAt).toBeNull();
    const [doneA, doneB] = [await waitForRun(environment.id, "one_at_a_time", a.dag_run_id), await waitForRun(environment.id, "one_at_a_time", b.dag_run_id)];
    expect([doneA.state, doneB.state]).toEqual(["success", "success"]);
    expect(doneB.startDate!.getTime()).toBeGreaterThanOrEqual(doneA.endDate!.getTime());
  });
});
