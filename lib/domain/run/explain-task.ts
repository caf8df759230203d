// "Why didn't this task run?" for the UI: the stored reason of a decided task, or the current
// trigger-rule evaluation of a waiting one.

import { evaluateTriggerRule } from "./evaluate-trigger-rule";
import { getTaskInstance } from "./create-run";
import type { RunState } from "./run-types";

export function explainTask(state: RunState, taskId: string): string {
  const ti = getTaskInstance(state, taskId);
  const task = ti && state.graph.tasks[taskId];
  if (!ti || !task) return `'${taskId}' is not a task of DAG '${state.dag_id}'.`;
  switch (ti.state) {
    case "none": {
      const upstreams = task.upstream.map((id) => ({ task_id: id, state: getTaskInstance(state, id)!.state }));
      const decision = evaluateTriggerRule(task.trigger_rule, upstreams);
      if (state.state === "queued") return `The run has not started yet. ${decision.reason}`;
      if (state.finish_reason === "deadlock") return `The run deadlocked. ${decision.reason}`;
      return decision.reason;
    }
    case "up_for_retry":
    case "up_for_reschedule":
      return ti.reason ?? `Waiting until ${ti.next_try_at} for the next try.`;
    default:
      return ti.reason ?? `The task is ${ti.state}.`;
  }
}
