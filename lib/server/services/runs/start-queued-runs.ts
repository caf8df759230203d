// Starts a DAG's queued runs that have no workflow yet, up to max_active_runs: called when
// the DAG is unpaused (runs triggered while it was paused wait, as in Airflow). Idempotent.
import { startRunnableRuns } from "./start-runnable-runs";

export async function startQueuedRuns(environmentId: string, dagId: string): Promise<number> {
  return startRunnableRuns(environmentId, dagId);
}
