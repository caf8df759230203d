// The Durations view's data (Airflow's Task Duration): for a DAG's last N runs, how long
// each task instance took (its latest try: start_date → end_date), read in two indexed
// queries like the Grid. Tasks come in the current version's file order, then tasks seen
// only in older runs. Scoped to the environment the gate resolved; a DAG of another tenant
// is the same 404 as a missing one.
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { findDagWithVersion } from "./get-dag";

export interface DurationRun {
  runId: string;
  state: string;
  /** Logical date, or run_after when the run has none (ISO). */
  date: string;
}

export interface TaskDurationSeries {
  taskId: string;
  /** Milliseconds per run (same order as `runs`); null when the task did not finish in that run. */
  durations: (number | null)[];
}

export interface TaskDurations {
  /** Oldest first. */
  runs: DurationRun[];
  tasks: TaskDurationSeries[];
}

export const DURATION_RUNS_DEFAULT = 25;
export const DURATION_RUNS_MAX = 200;

export async function readTaskDurations(access: EnvironmentAccess, dagId: string, limit = DURATION_RUNS_DEFAULT): Promise<TaskDurations> {
  const { spec } = await findDagWithVersion(access, dagId);
  const runs = await db().dagRun.findMany({
    where: { environmentId: access.environment.id, organizationId: access.organization.id, dagId: spec.dag_id },
    orderBy: [{ runAfter: "desc" }, { queuedAt: "desc" }],
    take: Math.min(Math.max(Math.trunc(limit) || DURATION_RUNS_DEFAULT, 1), DURATION_RUNS_MAX),
    select: { id: true, runId: true, state: true, logicalDate: true, runAfter: true },
  });
  runs.reverse();
  const indexOf = new Map(runs.map((r, i) => [r.id, i]));
  const instances = runs.length
    ? await db().taskInstance.findMany({
        where: { dagRunId: { in: runs.map((r) => r.id) }, startDate: { not: null }, endDate: { not: null } },
        select: { dagRunId: true, taskId: true, startDate: true, endDate: true },
      })
    : [];
  const series = new Map<string, (number | null)[]>();
  for (const t of spec.tasks) series.set(t.task_id, Array.from({ length: runs.length }, () => null));
  for (const ti of instances) {
    let row = series.get(ti.taskId);
    if (!row) series.set(ti.taskId, (row = Array.from({ length: runs.length }, () => null)));
    row[indexOf.get(ti.dagRunId)!] = Math.max(0, ti.endDate!.getTime() - ti.startDate!.getTime());
  }
  return {
    runs: runs.map((r) => ({ runId: r.runId, state: r.state, date: (r.logicalDate ?? r.runAfter).toISOString() })),
    tasks: [...series].map(([taskId, durations]) => ({ taskId, durations })),
  };
}
