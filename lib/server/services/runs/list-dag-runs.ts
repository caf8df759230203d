// `GET …/dags/{dag_id}/dagRuns`: a DAG's runs, newest first (Airflow's list DAG runs).
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { dagRunViewSelect, toDagRunView, type DagRunView } from "./dag-run-view";
import { assertDagExists } from "./find-dag-run";
import type { ListRunsQuery } from "./list-query";

export async function listDagRuns(access: EnvironmentAccess, dagId: string, query: ListRunsQuery): Promise<{ dag_runs: DagRunView[]; total_entries: number }> {
  const environmentId = access.environment.id;
  await assertDagExists(environmentId, dagId);
  const where = { environmentId, dagId, ...(query.state ? { state: query.state } : {}) };
  const [total, rows] = await Promise.all([
    db().dagRun.count({ where }),
    db().dagRun.findMany({ where, orderBy: [{ runAfter: "desc" }, { id: "asc" }], skip: query.offset, take: query.limit, select: dagRunViewSelect }),
  ]);
  return { dag_runs: rows.map(toDagRunView), total_entries: total };
}
