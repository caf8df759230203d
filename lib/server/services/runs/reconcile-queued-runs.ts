// Heals a crash between a DagRun's insert and its workflow start: a queued run of an
// unpaused DAG without workflowStartedAt, older than a few seconds, gets its workflow
// started (USE_EXISTING, so a start that did happen is not repeated), as far as the DAG's
// max_active_runs allows. Run by the worker.
import { db } from "../../db";
import { startRunnableRuns } from "./start-runnable-runs";

export interface ReconcileOptions {
  /** Runs younger than this may still be starting normally. */
  olderThanMs?: number;
  limit?: number;
  now?: Date;
  taskQueue?: string;
}

export async function reconcileQueuedRuns(options: ReconcileOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.olderThanMs ?? 5_000));
  const runs = await db().dagRun.findMany({
    where: { state: "queued", workflowStartedAt: null, queuedAt: { lt: cutoff } },
    select: { id: true, environmentId: true, dagId: true, runId: true },
    orderBy: { queuedAt: "asc" },
    take: options.limit ?? 100,
  });
  if (!runs.length) return 0;
  // Per DAG, as many as max_active_runs allows (a paused DAG's runs wait for the unpause).
  const dags = new Map(runs.map((r) => [`${r.environmentId}/${r.dagId}`, r]));
  let started = 0;
  for (const run of dags.values()) started += await startRunnableRuns(run.environmentId, run.dagId, { taskQueue: options.taskQueue });
  return started;
}
