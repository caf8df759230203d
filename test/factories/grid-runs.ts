// Finished runs written straight into PostgreSQL, for views that read many runs (Grid, Graph):
// `runs` runs an hour apart, every task success except `failTask` in the newest run.
import { db } from "../../lib/server/db";

export async function seedFinishedRuns(
  environment: { id: string; organizationId: string },
  dag: { dagId: string; versionId: string; taskIds: string[] },
  opts: { runs: number; failTask?: string; reason?: string },
): Promise<string[]> {
  const runIds: string[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const newest = r === opts.runs - 1;
    const failsHere = newest && opts.failTask !== undefined;
    const start = new Date(Date.UTC(2026, 0, 1, r));
    const run = await db().dagRun.create({
      data: {
        organizationId: environment.organizationId,
        environmentId: environment.id,
        dagId: dag.dagId,
        runId: `scheduled__${String(r).padStart(3, "0")}`,
        dagVersionId: dag.versionId,
        runType: "scheduled",
        state: failsHere ? "failed" : "success",
        runAfter: start,
        startDate: start,
        endDate: new Date(start.getTime() + 60_000),
      },
    });
    runIds.push(run.runId);
    await db().taskInstance.createMany({
      data: dag.taskIds.map((taskId) => {
        const failed = failsHere && taskId === opts.failTask;
        return { dagRunId: run.id, taskId, operator: "script", state: failed ? "failed" : "success", tryNumber: 1, maxTries: 1, startDate: start, endDate: new Date(start.getTime() + 1000), reason: failed ? (opts.reason ?? "Try 1 failed: boom") : null };
      }),
    });
  }
  return runIds;
}
