// `branch` (Airflow's BranchPythonOperator): the script returns the task id(s) to follow,
// direct downstreams of the branch or a task group among them; the other direct
// downstreams are skipped. null / nothing skips them all.
import type { DagSpec, TaskSpec } from "../../domain/dag/spec";
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { TaskFailure } from "../task-try";
import { runTaskScript } from "./script-operator";

export async function executeBranch(req: TaskTryRequest): Promise<OperatorOutcome> {
  const r = await runTaskScript(req);
  if (r.kind === "skipped") return r;
  const follow = expandGroups(req.dag, branchIds(r.value, req.task));
  const direct = new Set(req.task.downstream);
  const invalid = follow.filter((id) => !direct.has(id));
  if (invalid.length) {
    throw new TaskFailure(
      `branch '${req.task.task_id}' returned ${invalid.map((i) => `'${i}'`).join(", ")}, which ${invalid.length > 1 ? "are not direct downstream tasks" : "is not a direct downstream task"} of it; ` +
        `return one or more of: ${[...direct].map((d) => `'${d}'`).join(", ") || "(it has no downstream tasks)"}`,
    );
  }
  req.ports.log.log("info", `Branch into ${follow.length ? follow.join(", ") : "None"}`);
  return r.hasValue ? { kind: "returned", value: r.value, skip: { kind: "branch", follow } } : { kind: "returned", skip: { kind: "branch", follow } };
}

function branchIds(value: unknown, task: TaskSpec): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  throw new TaskFailure(
    `branch '${task.task_id}' must return a task id, a list of task ids, or null; it returned ${JSON.stringify(value)}`,
  );
}

/** Airflow's _expand_task_group_roots: a task group id stands for its root tasks. */
function expandGroups(dag: DagSpec, ids: string[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (dag.tasks.some((t) => t.task_id === id) || !dag.task_groups.some((g) => g.group_id === id)) {
      out.push(id);
      continue;
    }
    const inGroup = dag.tasks.filter((t) => t.task_id.startsWith(id + "."));
    const members = new Set(inGroup.map((t) => t.task_id));
    out.push(...inGroup.filter((t) => !t.upstream.some((u) => members.has(u))).map((t) => t.task_id));
  }
  return [...new Set(out)];
}
