"use server";
// Operator actions of the run page (clear with downstream, mark a task or the run). Each passes
// the gate itself (a server action is a public POST endpoint) and calls the same services as
// the REST API, so the audit trail and the Temporal path are the same.
import { revalidatePath } from "next/cache";
import { actionAccess, actionResult, type ActionResult } from "@/lib/server/authz";
import { clearTaskInstances, type ClearedTaskInstance } from "@/lib/server/services/runs/clear-task-instances";
import { markDagRun } from "@/lib/server/services/runs/mark-dag-run";
import { markTaskInstance } from "@/lib/server/services/runs/mark-task-instance";

export type EnvScope = { orgSlug: string; workspaceSlug: string; envSlug: string };

const runPath = (s: EnvScope, dagId: string, runId: string) =>
  `/o/${s.orgSlug}/w/${s.workspaceSlug}/e/${s.envSlug}/dags/${encodeURIComponent(dagId)}/runs/${encodeURIComponent(runId)}`;

export type ClearOptions = { includeDownstream?: boolean; includeUpstream?: boolean; onlyFailed?: boolean };

/** Clears the task (with its downstream unless told otherwise); with dryRun only lists what would be cleared. */
export async function clearTaskAction(scope: EnvScope, dagId: string, runId: string, taskId: string, dryRun: boolean, options: ClearOptions = {}): Promise<ActionResult<ClearedTaskInstance[]>> {
  const access = await actionAccess("dag_run.clear", scope);
  return actionResult(async () => {
    const { task_instances } = await clearTaskInstances(access, String(dagId), {
      dag_run_id: String(runId),
      task_ids: [String(taskId)],
      include_downstream: options.includeDownstream !== false,
      include_upstream: options.includeUpstream === true,
      only_failed: options.onlyFailed === true,
      dry_run: dryRun === true,
    });
    if (!dryRun) revalidatePath(runPath(scope, dagId, runId));
    return task_instances;
  });
}

export async function markTaskAction(scope: EnvScope, dagId: string, runId: string, taskId: string, newState: "success" | "failed"): Promise<ActionResult<null>> {
  const access = await actionAccess("dag_run.mark", scope);
  return actionResult(async () => {
    await markTaskInstance(access, String(dagId), String(runId), String(taskId), newState === "failed" ? "failed" : "success");
    revalidatePath(runPath(scope, dagId, runId));
    return null;
  });
}

export async function markRunAction(scope: EnvScope, dagId: string, runId: string, state: "success" | "failed"): Promise<ActionResult<null>> {
  const access = await actionAccess("dag_run.mark", scope);
  return actionResult(async () => {
    await markDagRun(access, String(dagId), String(runId), state === "failed" ? "failed" : "success");
    revalidatePath(runPath(scope, dagId, runId));
    return null;
  });
}
