// One DAG of the environment the gate resolved, with its current version's spec. A DAG of
// another environment, or a deleted one, is the same 404 as one that never existed.
import { previewNextRuns, type RunPreview } from "../../../domain/dag/schedule-summary";
import type { DagSpec } from "../../../domain/dag/spec";
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { dagVersionViewSelect, dagViewSelect, toDagView, type DagView } from "./dag-view";
import { lastAutomatedInterval } from "./deploy-dag";

export function dagNotFound(dagId: string): AppError {
  return new AppError("not_found", `There is no DAG '${dagId}' in this environment. Check the dag_id, or deploy the DAG first.`);
}

export async function findDagWithVersion(access: EnvironmentAccess, dagId: string) {
  const environmentId = access.environment.id;
  if (typeof dagId !== "string" || dagId.length > 250) throw dagNotFound(String(dagId).slice(0, 250));
  const dag = await db().dag.findFirst({ where: { environmentId, organizationId: access.organization.id, dagId }, select: dagViewSelect });
  if (!dag || !dag.currentVersionId) throw dagNotFound(dagId);
  const version = await db().dagVersion.findFirst({ where: { id: dag.currentVersionId, environmentId }, select: dagVersionViewSelect });
  if (!version) throw dagNotFound(dagId);
  return { dag, version, spec: version.spec as unknown as DagSpec };
}

export async function getDag(access: EnvironmentAccess, dagId: string): Promise<DagView> {
  const { dag, version } = await findDagWithVersion(access, dagId);
  return toDagView(dag, version);
}

/** The next `count` scheduled runs from now, after the last automated run (the overview's preview). */
export async function upcomingDagRuns(access: EnvironmentAccess, spec: DagSpec, count: number, now = Date.now()): Promise<RunPreview[]> {
  const last = await lastAutomatedInterval(db(), access.environment.id, spec.dag_id);
  return previewNextRuns(spec, last, now, count);
}
