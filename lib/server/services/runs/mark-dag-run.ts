// `PATCH …/dagRuns/{dag_run_id}` with `{ "state" }` (Airflow's set_dag_run_state_to_*):
// success marks every task success; failed cancels what is running; queued clears every task
// of a finished run so it runs again (Airflow's "clear the run").
import type { Access } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { dagRunViewSelect, toDagRunView, type DagRunView } from "./dag-run-view";
import { findDagRun } from "./find-dag-run";
import { operateOnRun } from "./operate-dag-run";

export type MarkRunState = "success" | "failed" | "queued";

export function parseMarkRunBody(body: Record<string, unknown>): { state: MarkRunState } {
  const problems = Object.keys(body)
    .filter((k) => k !== "state" && k !== "note")
    .map((field) => ({ field, message: "is not a field of a run change" }));
  if (body.state !== "success" && body.state !== "failed" && body.state !== "queued") problems.push({ field: "state", message: 'must be "success", "failed" or "queued"' });
  if (problems.length) throw new AppError("unprocessable", `The change is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}.`, problems);
  return { state: body.state as MarkRunState };
}

export async function markDagRun(access: Access<"dag_run.mark">, dagId: string, runId: string, state: MarkRunState): Promise<DagRunView> {
  const run = await findDagRun(access.environment.id, dagId, runId);
  const operated = { ...run, environmentId: access.environment.id };
  if (state === "queued") {
    const current = await db().dagRun.findUniqueOrThrow({ where: { id: run.id }, select: { state: true } });
    if (current.state !== "success" && current.state !== "failed") throw new AppError("conflict", `The run '${runId}' is ${current.state}; only a finished run can be queued again.`);
    const tasks = await db().taskInstance.findMany({ where: { dagRunId: run.id }, select: { taskId: true } });
    await operateOnRun(access, "dag_run.mark", operated, { type: "clear_tasks", task_ids: tasks.map((t) => t.taskId), only_failed: false });
  } else {
    const outcome = await operateOnRun(access, "dag_run.mark", operated, { type: "mark_run", state });
    if (outcome.ignored) throw new AppError("conflict", `Nothing to change: ${outcome.ignored}.`);
  }
  return toDagRunView(await db().dagRun.findUniqueOrThrow({ where: { id: run.id }, select: dagRunViewSelect }));
}
