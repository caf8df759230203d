// Runs whose tries wait for a slot (slot_waiter rows), and the signal that tells a run's
// workflow to look again. The worker uses it when a try ends; the pools services when a pool
// is made or given more slots, so waiting tasks start at once rather than on the workflow's
// own backoff timer. See docs/decisions/0020-pools-and-slots.md.
import { WorkflowNotFoundError } from "@temporalio/client";
import type pg from "pg";
import { SLOTS_FREED_SIGNAL } from "../../../../workflows/dag-run-contract";
import { sqlPool } from "../../sql-pool";
import { temporalClient } from "../../temporal";
import { dagRunWorkflowId } from "../runs/start-dag-run-workflow";

export interface WaitingRun {
  dagRunId: string;
  environmentId: string;
  dagId: string;
  runId: string;
}

/**
 * The runs waiting longest for a slot in one of `pools`, or (with `dagId`) under that DAG's
 * max_active_tasks; not `exceptRunId` (a run looks again itself when one of its tries ends).
 */
export async function waitingRuns(
  sql: Pick<pg.Pool, "query">,
  at: { environmentId: string; pools: string[]; dagId?: string; exceptRunId?: string },
  limit = 3,
): Promise<WaitingRun[]> {
  const { rows } = await sql.query<{ dag_run_id: string; environment_id: string; dag_id: string; run_id: string }>(
    `SELECT w.dag_run_id, r.environment_id, r.dag_id, r.run_id
     FROM (SELECT dag_run_id, MIN(since) AS since FROM slot_waiter
           WHERE environment_id = $1 AND (pool = ANY($2::text[]) OR dag_id = $3) AND dag_run_id IS DISTINCT FROM $4
           GROUP BY dag_run_id ORDER BY MIN(since) LIMIT $5) w
     JOIN dag_run r ON r.id = w.dag_run_id
     ORDER BY w.since`,
    [at.environmentId, at.pools, at.dagId ?? null, at.exceptRunId ?? null, limit],
  );
  return rows.map((r) => ({ dagRunId: r.dag_run_id, environmentId: r.environment_id, dagId: r.dag_id, runId: r.run_id }));
}

/** Tells the run's workflow that slots may be free; a run that is over waits for nothing, so its rows go. */
export async function signalSlotsFreed(run: WaitingRun, sql: Pick<pg.Pool, "query"> = sqlPool()): Promise<void> {
  try {
    await (await temporalClient()).workflow.getHandle(dagRunWorkflowId(run)).signal(SLOTS_FREED_SIGNAL);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) await sql.query("DELETE FROM slot_waiter WHERE dag_run_id = $1", [run.dagRunId]);
    else throw error;
  }
}

/** After a pool was made or grew: the runs waiting for it look again now. Never fails the caller. */
export async function wakeRunsWaitingFor(environmentId: string, pool: string): Promise<void> {
  try {
    const runs = await waitingRuns(sqlPool(), { environmentId, pools: [pool] }, 10);
    await Promise.all(runs.map((run) => signalSlotsFreed(run)));
  } catch (error) {
    console.error(`pool "${pool}": waiting runs not told (they look again on their own within 30 s):`, error);
  }
}
