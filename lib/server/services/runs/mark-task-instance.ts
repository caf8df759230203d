// `PATCH …/dagRuns/{dag_run_id}/taskInstances/{task_id}` with `{ "new_state" }` (Airflow's
// set_task_instance_state): the task gets the state; failed downstream tasks are cleared so
// they run again, which re-opens a finished run.
import type { Access } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { findDagRun } from "./find-dag-run";
import { operateOnRun } from "./operate-dag-run";

export function parseMarkTaskBody(body: Record<string, unknown>): { new_state: "success" | "failed" } {
  const problems = Object.keys(body)
    .filter((k) => k !== "new_state")
    .map((field) => ({ field, message: "is not a field of a task instance change" }));
  if (body.new_state !== "success" && body.new_state !== "failed") problems.push({ field: "new_state", message: 'must be "success" or "failed"' });
  if (problems.length) throw new AppError("unprocessable", `The change is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}.`, problems);
  return { new_state: body.new_state as "success" | "failed" };
}

export async function markTaskInstance(access: Access<"dag_run.mark">, dagId: string, runId: string, taskId: string, newState: "success" | "failed") {
  const run = await findDagRun(access.environment.id, dagId, runId);
  const ti = await db().taskInstance.findUnique({ where: { dagRunId_taskId: { dagRunId: run.id, taskId } }, select: { id: true } });
  if (!ti) throw new AppError("not_found", `The task '${taskId}' is not in run '${runId}' of DAG '${dagId}'.`);
  const outcome = await operateOnRun(access, "dag_run.mark", { ...run, environmentId: access.environment.id }, { type: "mark_task", task_id: taskId, state: newState });
  if (outcome.ignored) throw new AppError("conflict", `Nothing to change: ${outcome.ignored}.`);
  return taskInstanceView(run.id, dagId, runId, taskId);
}

export async function taskInstanceView(dagRunId: string, dagId: string, runId: string, taskId: string) {
  const row = await db().taskInstance.findUniqueOrThrow({ where: { dagRunId_taskId: { dagRunId, taskId } } });
  return {
    task_id: row.taskId,
    dag_id: dagId,
    dag_run_id: runId,
    state: row.state === "none" ? null : row.state,
    try_number: row.tryNumber,
    max_tries: row.maxTries,
    start_date: row.startDate?.toISOString() ?? null,
    end_date: row.endDate?.toISOString() ?? null,
    note: row.reason,
  };
}
