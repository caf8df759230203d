// Heals a crash between a DagRun's insert and its workflow start: a queued run of an
// unpaused DAG without workflowStartedAt, older than a few seconds, gets its workflow
// started (USE_EXISTING, so a start that did happen is not repeated). Run by the worker.
import { db } from "../../db";
import { startDagRunWorkflow } from "./start-dag-run-workflow";

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
  // A paused DAG's runs wait for the unpause (startQueuedRuns).
  const unpaused = await db().dag.findMany({
    where: { isPaused: false, OR: runs.map((r) => ({ environmentId: r.environmentId, dagId: r.dagId })) },
    select: { environmentId: true, dagId: true },
  });
  const open = new Set(unpaused.map((d) => `${d.environmentId}/${d.dagId}`));
  let started = 0;
  for (const run of runs) {
    if (!open.has(`${run.environmentId}/${run.dagId}`)) continue;
    await startDagRunWorkflow(run, { taskQueue: options.taskQueue });
    started++;
  }
  return started;
}
