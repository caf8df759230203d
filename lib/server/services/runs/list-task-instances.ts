// `GET …/dagRuns/{dag_run_id}/taskInstances`: the run's task instances in the DAG's order.
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { toTaskInstanceView, type TaskInstanceView } from "./dag-run-view";
import { findDagRun } from "./find-dag-run";
import type { ListRunsQuery } from "./list-query";

export async function listTaskInstances(
  access: EnvironmentAccess,
  dagId: string,
  runId: string,
  query: ListRunsQuery,
): Promise<{ task_instances: TaskInstanceView[]; total_entries: number }> {
  const run = await findDagRun(access.environment.id, dagId, runId);
  const where = { dagRunId: run.id, ...(query.state ? { state: query.state === "null" ? "none" : query.state } : {}) };
  const [total, rows] = await Promise.all([
    db().taskInstance.count({ where }),
    db().taskInstance.findMany({ where, orderBy: [{ startDate: { sort: "asc", nulls: "last" } }, { taskId: "asc" }], skip: query.offset, take: query.limit }),
  ]);
  return { task_instances: rows.map((t) => toTaskInstanceView(run.dagId, run.runId, t)), total_entries: total };
}
