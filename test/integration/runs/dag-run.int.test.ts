// A DagRun end to end on the real stack: trigger (PostgreSQL row, then the Temporal
// workflow), tries as activities in the worker, every state, try, log line and XCom in
// PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import { storeDag } from "../../factories/run-dags";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "./support";

let access: Access<"dag.trigger">;
let environment: { id: string; organizationId: string };
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  ({ access, environment } = await tenantWithTriggerAccess());
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
});
