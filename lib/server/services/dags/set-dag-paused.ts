// Pause or unpause a DAG (PATCH {"is_paused": …}, the list's toggle). Unpausing recomputes
// the scheduler's cursor from now, as Airflow's DAG processor does on its next parse, and
// then starts the runs that were triggered while the DAG was paused.
import type { DagSpec } from "../../../domain/dag/spec";
import type { Access } from "../../authz";
import { mutate } from "../../authz";
import { startQueuedRuns } from "../runs/trigger-dag-run";
import { cursorFields, lastAutomatedInterval } from "./deploy-dag";
import { dagVersionViewSelect, dagViewSelect, toDagView, type DagView } from "./dag-view";
import { dagNotFound } from "./get-dag";

export async function setDagPaused(access: Access<"dag.pause">, dagId: string, isPaused: boolean, now = new Date()): Promise<DagView> {
  const environmentId = access.environment.id;
  const result = await mutate(access, isPaused ? "dag.pause" : "dag.unpause", { type: "dag" }, async (tx, audit) => {
    const dag = await tx.dag.findFirst({ where: { environmentId, organizationId: access.organization.id, dagId }, select: { id: true, isPaused: true, currentVersionId: true } });
    if (!dag || !dag.currentVersionId) throw dagNotFound(dagId);
    const version = await tx.dagVersion.findUniqueOrThrow({ where: { id: dag.currentVersionId }, select: dagVersionViewSelect });
    audit.targetId = dag.id;
    audit.summary = { dag_id: dagId, before: { is_paused: dag.isPaused }, after: { is_paused: isPaused } };
    const cursor = !isPaused && dag.isPaused ? cursorFields(version.spec as unknown as DagSpec, await lastAutomatedInterval(tx, environmentId, dagId), now) : {};
    const saved = await tx.dag.update({ where: { id: dag.id }, data: { isPaused, ...cursor }, select: dagViewSelect });
    return { view: toDagView(saved, version), wasPaused: dag.isPaused };
  });
  if (!isPaused && result.wasPaused) {
    // A run triggered while paused waits for this; if Temporal is unreachable the worker's
    // reconciler starts it later, so the unpause itself still succeeds.
    await startQueuedRuns(environmentId, dagId).catch((error: unknown) => console.error(`dag ${dagId}: queued runs not started yet:`, error));
  }
  return result.view;
}
