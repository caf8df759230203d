"use server";
// DAG actions for the pages under /dags. Each passes the gate itself (a server action is a
// public POST endpoint whatever page shows it) and calls one service.
import { revalidatePath } from "next/cache";
import { actionAccess, actionResult, type ActionResult } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { deleteDag } from "@/lib/server/services/dags/delete-dag";
import { deployDag } from "@/lib/server/services/dags/deploy-dag";
import { previewDagFile, type DagFilePreview } from "@/lib/server/services/dags/preview-dag-file";
import { setDagPaused } from "@/lib/server/services/dags/set-dag-paused";
import { triggerDagRun } from "@/lib/server/services/runs/trigger-dag-run";

export type EnvScope = { orgSlug: string; workspaceSlug: string; envSlug: string };

const dagsPath = (s: EnvScope) => `/o/${s.orgSlug}/w/${s.workspaceSlug}/e/${s.envSlug}/dags`;

export async function setDagPausedAction(scope: EnvScope, dagId: string, isPaused: boolean): Promise<ActionResult<{ isPaused: boolean }>> {
  const result = await actionResult(async () => {
    const access = await actionAccess("dag.pause", scope);
    const view = await setDagPaused(access, dagId, isPaused);
    return { isPaused: view.is_paused };
  });
  revalidatePath(dagsPath(scope), "layout");
  return result;
}

/** Live validation in the editor: problems with positions, the version it would be, the next runs. */
export async function previewDagFileAction(scope: EnvScope, text: string): Promise<ActionResult<DagFilePreview>> {
  return actionResult(async () => {
    const access = await actionAccess("dag.read", scope);
    return previewDagFile(access, text);
  });
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
  const result = await actionResult(async () => {
    const access = await actionAccess("dag.delete", scope);
    const done = await deleteDag(access, dagId, { purge });
    return { purged: done.purged };
  });
  revalidatePath(dagsPath(scope), "layout");
  return result;
}
