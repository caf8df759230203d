// `POST …/dags/{dag_id}/clearTaskInstances` (Airflow's clear_task_instances): state none, a
// fresh retry budget, try_number keeps counting; a finished run is re-opened. With dry_run,
// only the list of what would be cleared.
import type { Access } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import type { FieldProblem } from "./trigger-dag-run";
import { assertDagExists, findDagRun } from "./find-dag-run";
import { operateOnRun } from "./operate-dag-run";

export interface ClearTaskInstancesInput {
  dag_run_id?: string;
  task_ids: string[];
  include_downstream: boolean;
  include_upstream: boolean;
  only_failed: boolean;
  dry_run: boolean;
}

export interface ClearedTaskInstance {
  task_id: string;
  dag_id: string;
  dag_run_id: string;
  /** The state being cleared (before the clear). */
  state: string;
  /** The state after the clear ("none"). */
  new_state: string;
  try_number: number;
  max_tries: number;
}

const FIELDS = new Set(["dag_run_id", "task_ids", "include_downstream", "include_upstream", "only_failed", "dry_run"]);
/** Without dag_run_id: the DAG's latest runs (Airflow clears every run in a date range). */
const MAX_RUNS = 100;

/** Checks the body; every problem names its field. */
export function parseClearTaskInstancesBody(body: Record<string, unknown>): ClearTaskInstancesInput {
  const problems: FieldProblem[] = [];
  for (const k of Object.keys(body)) if (!FIELDS.has(k)) problems.push({ field: k, message: "is not a field of a clear request" });
  if (body.dag_run_id !== undefined && body.dag_run_id !== null && typeof body.dag_run_id !== "string") problems.push({ field: "dag_run_id", message: "must be a string" });
  const ids = body.task_ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === "string" && x.length > 0)) problems.push({ field: "task_ids", message: "must be a non-empty list of task ids" });
  for (const k of ["include_downstream", "include_upstream", "only_failed", "dry_run"] as const) {
    if (body[k] !== undefined && typeof body[k] !== "boolean") problems.push({ field: k, message: "must be true or false" });
  }
  if (problems.length) throw new AppError("unprocessable", `The clear request is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}.`, problems);
  return {
    dag_run_id: (body.dag_run_id as string | null | undefined) ?? undefined,
    task_ids: [...new Set(ids as string[])],
    include_downstream: (body.include_downstream as boolean | undefined) ?? false,
    include_upstream: (body.include_upstream as boolean | undefined) ?? false,
    // Airflow's default: only failed tasks unless told otherwise.
    only_failed: (body.only_failed as boolean | undefined) ?? true,
    dry_run: (body.dry_run as boolean | undefined) ?? true,
  };
}

export async function clearTaskInstances(access: Access<"dag_run.clear">, dagId: string, input: ClearTaskInstancesInput): Promise<{ task_instances: ClearedTaskInstance[] }> {
  const environmentId = access.environment.id;
  await assertDagExists(environmentId, dagId);
  const runs = input.dag_run_id
    ? [await findDagRun(environmentId, dagId, input.dag_run_id)]
    : await db().dagRun.findMany({ where: { environmentId, dagId, state: { not: "queued" } }, orderBy: { runAfter: "desc" }, take: MAX_RUNS, select: { id: true, dagId: true, runId: true } });
  const out: ClearedTaskInstance[] = [];
  for (const run of runs) {
    if (input.dag_run_id) await assertTasksExist(run.id, input.task_ids);
    // Across runs, a run of an older version without these tasks is left alone.
    else if (!(await hasTasks(run.id, input.task_ids))) continue;
    const outcome = await operateOnRun(
      access,
      "dag_run.clear",
      { ...run, environmentId },
      { type: "clear_tasks", task_ids: input.task_ids, include_downstream: input.include_downstream, include_upstream: input.include_upstream, only_failed: input.only_failed },
      { dryRun: input.dry_run },
    );
    for (const c of outcome.changes) {
      out.push({ task_id: c.task_id, dag_id: run.dagId, dag_run_id: run.runId, state: c.from, new_state: c.state, try_number: c.try_number, max_tries: c.max_tries });
    }
  }
  return { task_instances: out };
}

async function hasTasks(dagRunId: string, taskIds: string[]): Promise<boolean> {
  return (await db().taskInstance.count({ where: { dagRunId, taskId: { in: taskIds } } })) === taskIds.length;
}

async function assertTasksExist(dagRunId: string, taskIds: string[]): Promise<void> {
  const found = await db().taskInstance.findMany({ where: { dagRunId, taskId: { in: taskIds } }, select: { taskId: true } });
  const known = new Set(found.map((t) => t.taskId));
  const unknown = taskIds.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError("unprocessable", `Not tasks of this DAG run: ${unknown.join(", ")}.`, unknown.map(() => ({ field: "task_ids", message: "names a task that is not in the run's DAG" })));
}
