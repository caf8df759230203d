// Moves a DAG's queued runs to running as Airflow's scheduler does (_start_queued_dagruns):
// oldest first, while fewer than max_active_runs of its runs are active, never for a paused
// DAG. "Active" = running, or queued with its workflow already started. Called after a
// trigger, an unpause, a scheduled run's creation and a run's end, and by the reconciler;
// an advisory lock per DAG keeps two callers from both taking the last slot.
import { db } from "../../db";
import { startDagRunWorkflow, type StartableRun } from "./start-dag-run-workflow";

export async function startRunnableRuns(environmentId: string, dagId: string, options: { taskQueue?: string } = {}): Promise<number> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`dag-runs:${environmentId}/${dagId}`}, 0))`;
    // One round trip, and only max_active_runs out of the spec (a big DAG's spec is large).
    const [dag] = await tx.$queryRaw<{ is_paused: boolean; max_active: number | null; active: number }[]>`
      SELECT d.is_paused, (v.spec->>'max_active_runs')::int AS max_active,
        (SELECT count(*) FROM dag_run r WHERE r.environment_id = d.environment_id AND r.dag_id = d.dag_id
           AND (r.state = 'running' OR (r.state = 'queued' AND r.workflow_started_at IS NOT NULL)))::int AS active
      FROM dag d LEFT JOIN dag_version v ON v.id = d.current_version_id
      WHERE d.environment_id = ${environmentId} AND d.dag_id = ${dagId}`;
    if (!dag || dag.is_paused) return 0;
    const maxActive = dag.max_active ?? 16;
    const active = dag.active;
    if (active >= maxActive) return 0;
    const runs: StartableRun[] = await tx.dagRun.findMany({
      where: { environmentId, dagId, state: "queued", workflowStartedAt: null },
      select: { id: true, environmentId: true, dagId: true, runId: true },
      orderBy: [{ runAfter: "asc" }, { queuedAt: "asc" }],
      take: maxActive - active,
    });
    // Started while the lock is held, so the next caller counts them; each start sets
    // workflowStartedAt itself, and a crash before it leaves the run for the reconciler.
    for (const run of runs) await startDagRunWorkflow(run, { ...options, tx });
    return runs.length;
  }, { timeout: 60_000 });
}
