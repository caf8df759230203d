// Builds the initial, JSON-serializable state of a DagRun: queued, every task in state "none".

import { buildRunGraph } from "./build-run-graph";
import type { CreateRunInput, RunState, TaskInstanceState } from "./run-types";

export function createRun(input: CreateRunInput): RunState {
  const graph = buildRunGraph(input.dag);
  const tasks: Record<string, TaskInstanceState> = {};
  for (const id of graph.order) {
    tasks[id] = {
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
    };
  }
  return {
    version: 1,
    graph,
    dag_id: input.dag.dag_id,
    run_id: input.run_id,
    logical_date: input.logical_date,
    state: "queued",
    start_date: null,
    end_date: null,
    finish_reason: null,
    message: null,
    tasks,
    event_count: 0,
  };
}
