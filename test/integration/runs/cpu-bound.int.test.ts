// A script that computes without awaiting holds the worker's event loop (the sandbox runs
// on its main thread) for longer than the workflow task timeout: the run must still end
// with that try recorded once, as a success.
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

describe("a CPU-bound try", () => {
  it("longer than the workflow task timeout still runs once and succeeds", async () => {
    await storeDag(
      environment,
      `dag_id: crunch
schedule: null
tasks:
  - task_id: crunch
    operator: script
    code: "export default () => { const end = Date.now() + 7000; let n = 0; while (Date.now() < end) n++; return n > 0 }"
  - { task_id: after, operator: script, upstream: [crunch], code: "export default () => 'ok'" }
`,
    );
    const run = await triggerDagRun(access, { dag_id: "crunch" });
    const done = await waitForRun(environment.id, "crunch", run.dag_run_id, 90_000);
    const tries = await db().taskTry.findMany({ where: { dagRunId: done.id }, orderBy: [{ taskId: "asc" }, { tryNumber: "asc" }] });
    expect(tries.map((t) => [t.taskId, t.tryNumber, t.state])).toEqual([
      ["after", 1, "success"],
      ["crunch", 1, "success"],
    ]);
    expect(done.state).toBe("success");
  });
});
