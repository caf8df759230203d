// What a branch or short_circuit success asks the engine to skip, computed as Airflow does
// (providers/standard SkipMixin.skip_all_except and ShortCircuitOperator.execute), so the
// operator only has to say which branches it follows / whether the condition held.

import { descendantsOf } from "./build-run-graph";
import { EngineInputError } from "./engine-input-error";
import type { RunGraph, SkipRequest } from "./run-types";

/**
 * skip_all_except: skip the direct downstreams of `branchTaskId` that are not followed. A direct
 * downstream that is also downstream of a followed task (the "join" of an empty branch) is kept.
 */
export function branchSkipList(graph: RunGraph, branchTaskId: string, follow: readonly string[]): string[] {
  const task = graph.tasks[branchTaskId];
  if (!task) throw new EngineInputError(`'${branchTaskId}' is not a task of DAG '${graph.dag_id}'.`);
  const followed = new Set<string>();
  for (const id of follow) {
    if (!graph.tasks[id]) {
      throw new EngineInputError(
        `Branch '${branchTaskId}' chose '${id}', which is not a task of DAG '${graph.dag_id}'; return ids of its direct downstream tasks (${task.downstream.join(", ") || "none"}).`,
      );
    }
    followed.add(id);
    for (const d of descendantsOf(graph, id)) followed.add(d);
  }
  return task.downstream.filter((id) => !followed.has(id));
}

/**
 * ShortCircuitOperator on a falsy condition: every descendant when ignore_downstream_trigger_rules
 * is true (Airflow's default), else only the direct downstreams (their trigger rules decide the rest).
 */
export function shortCircuitSkipList(
  graph: RunGraph,
  taskId: string,
  ignoreDownstreamTriggerRules = true,
): SkipRequest {
  const task = graph.tasks[taskId];
  if (!task) throw new EngineInputError(`'${taskId}' is not a task of DAG '${graph.dag_id}'.`);
  return ignoreDownstreamTriggerRules ? "all_downstream" : [...task.downstream];
}
