// Deletes a DAG from an environment. Without purge only the Dag row goes: its versions and
// runs stay (keyed by dag_id), so deploying the same dag_id again brings its history back.
// With purge, versions, runs and their task instances, tries, logs and XCom go too; a purge
// waits until no run of the DAG is executing, so no workflow writes into rows that are gone.
import type { Access } from "../../authz";
import { mutate } from "../../authz";
import { AppError } from "../../errors";
import { dagNotFound } from "./get-dag";

export interface DeleteDagResult {
  dag_id: string;
  purged: boolean;
  /** With purge: what was removed. */
  deleted_versions: number;
  deleted_runs: number;
}

export async function deleteDag(access: Access<"dag.delete">, dagId: string, opts: { purge: boolean }): Promise<DeleteDagResult> {
  const environmentId = access.environment.id;
  return mutate(access, "dag.delete", { type: "dag" }, async (tx, audit) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`dag:${environmentId}:${dagId}`}, 0))`;
    const dag = await tx.dag.findFirst({ where: { environmentId, organizationId: access.organization.id, dagId }, select: { id: true } });
    // Purging the history of an already deleted DAG is allowed: that is how it is cleaned up.
    const history = opts.purge && !dag ? await tx.dagVersion.count({ where: { environmentId, dagId } }) : 0;
    if (!dag && history === 0) throw dagNotFound(dagId);
    let deletedRuns = 0;
    let deletedVersions = 0;
    if (opts.purge) {
      const active = await tx.dagRun.count({
        where: { environmentId, dagId, OR: [{ state: "running" }, { state: "queued", workflowStartedAt: { not: null } }] },
      });
      if (active > 0) {
        throw new AppError(
          "conflict",
          `The DAG '${dagId}' has ${active} run${active === 1 ? "" : "s"} executing. Wait for ${active === 1 ? "it" : "them"} to finish (or mark ${active === 1 ? "it" : "them"} failed), then purge; or delete without purge to keep the history.`,
        );
      }
      // Task instances, tries, log chunks and XCom cascade from the runs.
      deletedRuns = (await tx.dagRun.deleteMany({ where: { environmentId, dagId } })).count;
      deletedVersions = (await tx.dagVersion.deleteMany({ where: { environmentId, dagId } })).count;
    }
    if (dag) await tx.dag.delete({ where: { id: dag.id } });
    audit.targetId = dag?.id ?? null;
    audit.summary = { dag_id: dagId, purge: opts.purge, deleted_runs: deletedRuns, deleted_versions: deletedVersions };
    return { dag_id: dagId, purged: opts.purge, deleted_versions: deletedVersions, deleted_runs: deletedRuns };
  });
}
