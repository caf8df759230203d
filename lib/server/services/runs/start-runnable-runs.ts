// Moves a DAG's queued runs to running as Airflow's scheduler does (_start_queued_dagruns):
// oldest first, while fewer than max_active_runs of its runs are active, never for a paused
// DAG. "Active" = running, or queued with its workflow already started. Called after a
// trigger, an unpause, a scheduled run's creation and a run's end, and by the reconciler;
// an advisory lock per DAG keeps two callers from both taking the last slot.
import type { DagSpec } from "../../../domain/dag/spec";
import { db } from "../../db";
import { startDagRunWorkflow, type StartableRun } from "./start-dag-run-workflow";

export async function startRunnableRuns(environmentId: string, dagId: string, options: { taskQueue?: string } = {}): Promise<number> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`dag-runs:${environmentId}/${dagId}`}, 0))`;
    const dag = await tx.dag.findUnique({ where: { environmentId_dagId: { environmentId, dagId } }, select: { isPaused: true, currentVersionId: true } });
    if (!dag || dag.isPaused) return 0;
    const version = dag.currentVersionId ? await tx.dagVersion.findUnique({ where: { id: dag.currentVersionId }, select: { spec: true } }) : null;
    const maxActive = (version?.spec as unknown as DagSpec | undefined)?.max_active_runs ?? 16;
    const active = await tx.dagRun.count({
      where: { environmentId, dagId, OR: [{ state: "running" }, { state: "queued", workflowStartedAt: { not: null } }] },
    });
    if (active >= maxActive) return 0;
    const runs: StartableRun[] = await tx.dagRun.findMany({
      where: { environmentId, dagId, state: "queued", workflowStartedAt: null },
      select: { id: true, environmentId: true, dagId: true, runId: true },
      orderBy: [{ runAfter: "asc" }, { queuedAt: "asc" }],
      take: maxActive - active,
    });
    // Started while the lock is held, so the next caller counts them; each start sets
    // workflowStartedAt itself, and a crash before it leaves the run for the reconciler.
    for (const run of runs) await startDagRunWorkflow(run, options);
    return runs.length;
  }, { timeout: 60_000 });
}
