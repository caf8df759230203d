// Turns the engine's view of a DAG (RunDag, which a normalized DagSpec satisfies) into the
// RunGraph frozen into a run's state: downstream lists, a topological order and the leaves.

import type { GraphTask, RunDag, RunGraph } from "./run-types";
import { EngineInputError } from "./engine-input-error";

export function buildRunGraph(dag: RunDag): RunGraph {
  const tasks: Record<string, GraphTask> = {};
  for (const t of dag.tasks) {
    if (Object.prototype.hasOwnProperty.call(tasks, t.task_id)) {
      throw new EngineInputError(`DAG '${dag.dag_id}' has the task id '${t.task_id}' twice; task ids must be unique.`);
    }
    tasks[t.task_id] = {
      task_id: t.task_id,
      upstream: [...t.upstream],
      downstream: [],
      topo_index: -1,
      upstream_index: [],
      downstream_index: [],
      trigger_rule: t.trigger_rule,
      retries: t.retries,
      retry_delay: t.retry_delay,
      retry_exponential_backoff: t.retry_exponential_backoff,
      max_retry_delay: t.max_retry_delay,
      execution_timeout: t.execution_timeout,
      operator: t.operator,
      depends_on_past: t.depends_on_past ?? false,
      wait_for_downstream: t.wait_for_downstream ?? false,
    };
  }
  for (const t of dag.tasks) {
    for (const up of t.upstream) {
      const upstream = tasks[up];
      if (!upstream) {
        throw new EngineInputError(`Task '${t.task_id}' names the upstream '${up}', which is not a task of DAG '${dag.dag_id}'.`);
      }
      upstream.downstream.push(t.task_id);
    }
  }

  // Kahn's algorithm, picking ready tasks in declaration order so the order is stable.
  const declared = dag.tasks.map((t) => t.task_id);
  const pending = new Map<string, number>(declared.map((id) => [id, tasks[id].upstream.length]));
  const order: string[] = [];
  const ready = declared.filter((id) => pending.get(id) === 0);
  const position = new Map(declared.map((id, i) => [id, i]));
  while (ready.length > 0) {
    const id = ready.shift()!;
    tasks[id].topo_index = order.length;
    order.push(id);
    const newlyReady: string[] = [];
    for (const down of tasks[id].downstream) {
      const left = pending.get(down)! - 1;
      pending.set(down, left);
      if (left === 0) newlyReady.push(down);
    }
    for (const down of newlyReady) insertByPosition(ready, down, position);
  }
  if (order.length !== declared.length) {
    const stuck = declared.filter((id) => tasks[id].topo_index < 0);
    throw new EngineInputError(`DAG '${dag.dag_id}' has a cycle through: ${stuck.join(", ")}. Remove one of the edges.`);
  }
  for (const id of order) {
    tasks[id].upstream_index = tasks[id].upstream.map((u) => tasks[u].topo_index);
    tasks[id].downstream_index = tasks[id].downstream.map((d) => tasks[d].topo_index);
  }
  const leaves = order.filter((id) => tasks[id].downstream.length === 0);
  return { dag_id: dag.dag_id, dagrun_timeout: dag.dagrun_timeout, tasks, order, leaves };
}

function insertByPosition(list: string[], id: string, position: Map<string, number>): void {
  const p = position.get(id)!;
  let i = list.length;
  while (i > 0 && position.get(list[i - 1])! > p) i--;
  list.splice(i, 0, id);
}

/** Every task reachable downstream of `taskId` (not itself), in topological order. */
export function descendantsOf(graph: RunGraph, taskId: string): string[] {
  return closure(graph, [taskId], "downstream").filter((id) => id !== taskId);
}

/** Every task reachable upstream of `taskId` (not itself), in topological order. */
export function ancestorsOf(graph: RunGraph, taskId: string): string[] {
  return closure(graph, [taskId], "upstream").filter((id) => id !== taskId);
}

/** The given tasks and everything reachable from them in one direction, in topological order. */
export function closure(graph: RunGraph, start: readonly string[], direction: "upstream" | "downstream"): string[] {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.tasks[id][direction]) if (!seen.has(next)) stack.push(next);
  }
  return [...seen].sort((a, b) => graph.tasks[a].topo_index - graph.tasks[b].topo_index);
}
