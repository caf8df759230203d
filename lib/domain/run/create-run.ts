// Builds the initial, JSON-serializable state of a DagRun: queued, every task in state "none";
// or, with `restore`, the state recorded in the database.

import { buildRunGraph } from "./build-run-graph";
import { EngineInputError } from "./engine-input-error";
import { UNFINISHED_STATES } from "./task-state";
import type { CreateRunInput, RunState, TaskInstance } from "./run-types";

/** The task instance of `taskId`, or undefined when the DAG has no such task. */
export function getTaskInstance(state: RunState, taskId: string): TaskInstance | undefined {
  if (!Object.prototype.hasOwnProperty.call(state.graph.tasks, taskId)) return undefined;
  return state.tasks[state.graph.tasks[taskId].topo_index];
}

export function createRun(input: CreateRunInput): RunState {
  const graph = buildRunGraph(input.dag);
  const tasks: TaskInstance[] = graph.order.map((id) => ({
      task_id: id,
      state: "none",
      try_number: 0,
      max_tries: graph.tasks[id].retries,
      start_date: null,
      end_date: null,
      next_try_at: null,
      timer_pending: false,
      reason: null,
      skipped_downstream: null,
  }));
  const restore = input.restore;
  if (restore) {
    for (const [id, saved] of Object.entries(restore.tasks)) {
      if (!Object.prototype.hasOwnProperty.call(graph.tasks, id)) {
        throw new EngineInputError(`Cannot restore '${id}': it is not a task of DAG '${graph.dag_id}'.`);
      }
      const i = graph.tasks[id].topo_index;
      tasks[i] = {
        ...tasks[i],
        state: saved.state,
        try_number: saved.try_number,
        max_tries: saved.max_tries ?? graph.tasks[id].retries,
        start_date: saved.start_date ?? null,
        end_date: saved.end_date ?? null,
        reason: saved.reason ?? null,
        skipped_downstream: saved.skipped_downstream ?? null,
        next_try_at: saved.next_try_at ?? null,
      };
    }
  }
  const unfinished = tasks.filter((t) => UNFINISHED_STATES.has(t.state));
  return {
    version: 1,
    graph,
    dag_id: input.dag.dag_id,
    run_id: input.run_id,
    logical_date: input.logical_date,
    state: restore?.state ?? "queued",
    start_date: restore?.start_date ?? null,
    end_date: restore?.end_date ?? null,
    finish_reason: null,
    message: null,
    tasks,
    counts: { unfinished: unfinished.length, active: unfinished.filter((t) => t.state !== "none").length },
    event_count: 0,
  };
}
