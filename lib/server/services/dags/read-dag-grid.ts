// The Grid view's data: a DAG's last N runs and every task instance of those runs, read in
// two indexed queries (runs by (environment, dag), instances by dag_run_id IN …) so 500
// tasks × 25 runs stays one round trip each. Scoped to the environment the gate resolved.
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";

/** A run as the DAG views list it (Grid columns, a Calendar day's runs). */
export interface RunSummary {
  runId: string;
  state: string;
  runType: string;
  logicalDate: string | null;
  runAfter: string;
  startDate: string | null;
  endDate: string | null;
}

export interface GridRun extends RunSummary {
  versionNumber: number;
}

/**
 * One cell as a tuple — [state, try_number, max_tries, start ms, end ms, reason?] — because
 * 500 tasks × 25 runs of named objects with ISO dates made a multi-megabyte page.
 */
export type GridCell = [state: string, tryNumber: number, maxTries: number, start: number | null, end: number | null, reason?: string];

export const cellState = (c: GridCell | null | undefined) => c?.[0] ?? null;

export interface DagGrid {
  /** Oldest first (the newest run is the rightmost column, as in Airflow). */
  runs: GridRun[];
  /** cells[taskId][runIndex] (undefined when the task did not exist in that run). */
  cells: Record<string, (GridCell | null)[]>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function readDagGrid(access: EnvironmentAccess, dagId: string, limit = 25): Promise<DagGrid> {
  const runs = await db().dagRun.findMany({
    where: { environmentId: access.environment.id, organizationId: access.organization.id, dagId },
    orderBy: [{ runAfter: "desc" }, { queuedAt: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
    select: { id: true, runId: true, state: true, runType: true, logicalDate: true, runAfter: true, startDate: true, endDate: true, dagVersion: { select: { versionNumber: true } } },
  });
  runs.reverse();
  // PostgreSQL builds each task's cells as one JSON text: decoding 12,500 rows one by one
  // cost ~90 ms per 25 runs of a 500-task DAG (577 ms for 100 runs), the JSON ~30 ms.
  // Each element: [run index, state, try_number, max_tries, start ms, end ms, reason].
  const instances = runs.length
    ? await db().$queryRaw<{ task_id: string; cells: string }[]>`
        SELECT task_id,
               json_agg(json_build_array(array_position(${runs.map((r) => r.id)}::text[], dag_run_id) - 1, state, try_number, max_tries,
                                         (extract(epoch FROM start_date) * 1000)::bigint, (extract(epoch FROM end_date) * 1000)::bigint, reason))::text AS cells
          FROM task_instance
         WHERE dag_run_id = ANY(${runs.map((r) => r.id)}::text[])
         GROUP BY task_id`
    : [];
  const cells: DagGrid["cells"] = {};
  for (const ti of instances) {
    const row: (GridCell | null)[] = Array.from({ length: runs.length }, () => null);
    for (const [i, state, tryNumber, maxTries, start, end, reason] of JSON.parse(ti.cells) as [number, string, number, number, number | null, number | null, string | null][]) {
      const cell: GridCell = [state, tryNumber, maxTries, start, end];
      if (reason) cell.push(reason);
      row[i] = cell;
    }
    cells[ti.task_id] = row;
  }
  return {
    runs: runs.map((r) => ({
      runId: r.runId,
      state: r.state,
      runType: r.runType,
      logicalDate: iso(r.logicalDate),
      runAfter: r.runAfter.toISOString(),
      startDate: iso(r.startDate),
      endDate: iso(r.endDate),
      versionNumber: r.dagVersion.versionNumber,
    })),
    cells,
  };
}
