// `GET …/dags/{dag_id}/dagRuns/{dag_run_id}`.
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { dagRunViewSelect, toDagRunView, type DagRunView } from "./dag-run-view";
import { findDagRun } from "./find-dag-run";

export async function getDagRun(access: EnvironmentAccess, dagId: string, runId: string): Promise<DagRunView> {
  const run = await findDagRun(access.environment.id, dagId, runId);
  return toDagRunView(await db().dagRun.findUniqueOrThrow({ where: { id: run.id }, select: dagRunViewSelect }));
}
