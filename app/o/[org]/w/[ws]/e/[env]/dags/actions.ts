"use server";
// DAG actions for the pages under /dags. Each passes the gate itself (a server action is a
// public POST endpoint whatever page shows it) and calls one service.
import { revalidatePath } from "next/cache";
import { actionAccess, type ActionResult } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { deleteDag } from "@/lib/server/services/dags/delete-dag";
import { deployDag } from "@/lib/server/services/dags/deploy-dag";
import { previewDagFile, type DagFilePreview } from "@/lib/server/services/dags/preview-dag-file";
import { promoteDagVersion } from "@/lib/server/services/dags/promote-dag-version";
import { setDagPaused } from "@/lib/server/services/dags/set-dag-paused";
import { triggerDagRun } from "@/lib/server/services/runs/trigger-dag-run";

export type EnvScope = { orgSlug: string; workspaceSlug: string; envSlug: string };

const dagsPath = (s: EnvScope) => `/o/${s.orgSlug}/w/${s.workspaceSlug}/e/${s.envSlug}/dags`;

/** An AppError as the value a client component shows; anything else is a bug and propagates. */
function refused(error: unknown): { ok: false; error: { code: string; message: string } } {
  if (!(error instanceof AppError)) throw error;
  return { ok: false, error: { code: error.code, message: error.message } };
}

export async function setDagPausedAction(scope: EnvScope, dagId: string, isPaused: boolean): Promise<ActionResult<{ isPaused: boolean }>> {
  try {
    const access = await actionAccess("dag.pause", scope);
    const view = await setDagPaused(access, dagId, isPaused);
    revalidatePath(dagsPath(scope), "layout");
    return { ok: true, data: { isPaused: view.is_paused } };
  } catch (error) {
    return refused(error);
  }
}

/** Live validation in the editor: problems with positions, the version it would be, the next runs. */
export async function previewDagFileAction(scope: EnvScope, text: string): Promise<ActionResult<DagFilePreview>> {
  try {
    const access = await actionAccess("dag.read", scope);
    return { ok: true, data: await previewDagFile(access, text) };
  } catch (error) {
    return refused(error);
  }
}

export type DeployActionData = { dagId: string; version: string; versionNumber: number; outcome: string };

export async function deployDagAction(scope: EnvScope, text: string, format: "yaml" | "json"): Promise<ActionResult<DeployActionData> & { problems?: unknown }> {
  try {
    const access = await actionAccess("dag.deploy", scope);
    const result = await deployDag(access, { body: text, format });
    revalidatePath(dagsPath(scope), "layout");
    return { ok: true, data: { dagId: result.dag_id, version: result.version, versionNumber: result.version_number, outcome: result.outcome } };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, error: { code: error.code, message: error.message }, problems: Array.isArray(error.details) ? error.details : undefined };
  }
}

export type TriggerActionResult =
  | { ok: true; runId: string }
  | { ok: false; message: string; fields: Record<string, string> };

export async function triggerDagRunAction(
  scope: EnvScope,
  dagId: string,
  input: { conf: Record<string, unknown>; dagRunId?: string; logicalDate?: string },
): Promise<TriggerActionResult> {
  try {
    const access = await actionAccess("dag.trigger", scope);
    const run = await triggerDagRun(access, {
      dag_id: dagId,
      conf: input.conf,
      dag_run_id: input.dagRunId || undefined,
      logical_date: input.logicalDate || undefined,
      triggered_by: "ui",
    });
    revalidatePath(dagsPath(scope), "layout");
    return { ok: true, runId: run.dag_run_id };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields: Record<string, string> = {};
    if (Array.isArray(error.details)) {
      for (const d of error.details as { field?: unknown; message?: unknown }[]) {
        if (typeof d?.field === "string" && typeof d.message === "string") fields[d.field] ??= d.message;
      }
    }
    return { ok: false, message: error.message, fields };
  }
}

export async function deleteDagAction(scope: EnvScope, dagId: string, purge: boolean): Promise<ActionResult<{ purged: boolean }>> {
  try {
    const access = await actionAccess("dag.delete", scope);
    const done = await deleteDag(access, dagId, { purge });
    revalidatePath(dagsPath(scope), "layout");
    return { ok: true, data: { purged: done.purged } };
  } catch (error) {
    return refused(error);
  }
}

/** Promote: `target` is the environment receiving the version (the gate checks deploy there, read in the source). */
export async function promoteDagAction(target: EnvScope, dagId: string, fromEnvironmentId: string, version: string): Promise<ActionResult<DeployActionData>> {
  try {
    const access = await actionAccess("dag.deploy", target);
    const result = await promoteDagVersion(access, dagId, { from_environment: fromEnvironmentId, version });
    revalidatePath(dagsPath(target), "layout");
    return { ok: true, data: { dagId: result.dag_id, version: result.version, versionNumber: result.version_number, outcome: result.outcome } };
  } catch (error) {
    return refused(error);
  }
}
