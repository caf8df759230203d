// Starts the workflows of a DAG's queued runs that have none yet: called when the DAG is
// unpaused (runs triggered while it was paused wait, as in Airflow). Idempotent.
import { db } from "../../db";
import { startDagRunWorkflow } from "./start-dag-run-workflow";

export async function startQueuedRuns(environmentId: string, dagId: string): Promise<number> {
  const runs = await db().dagRun.findMany({
    where: { environmentId, dagId, state: "queued", workflowStartedAt: null },
    select: { id: true, environmentId: true, dagId: true, runId: true },
    orderBy: [{ logicalDate: "asc" }, { queuedAt: "asc" }],
  });
  for (const run of runs) await startDagRunWorkflow(run);
  return runs.length;
}
