// The engine's view of a DagSpec: shared by the worker (a run's plan) and the operations
// services (clear / mark on a finished run compute their effect with the same engine).
import { hasPriorities, priorityWeights } from "../dag/priority-weights";
import { SENSOR_DEFAULTS, SENSOR_OPERATORS, type DagSpec } from "../dag/spec";
import type { RunDag } from "./run-types";

/** The engine's view of a DagSpec (no code, args or other operator fields). */
export function runDagOf(spec: DagSpec): RunDag {
  // Priorities order tries waiting for slots; only DAGs that set them carry them.
  const weights = hasPriorities(spec) ? priorityWeights(spec) : null;
  return {
    dag_id: spec.dag_id,
    dagrun_timeout: spec.dagrun_timeout,
    tasks: spec.tasks.map((t) => ({
      task_id: t.task_id,
      upstream: t.upstream,
      trigger_rule: t.trigger_rule,
      retries: t.retries,
      retry_delay: t.retry_delay,
      retry_exponential_backoff: t.retry_exponential_backoff,
      max_retry_delay: t.max_retry_delay,
      execution_timeout: t.execution_timeout,
      operator: t.operator,
      depends_on_past: t.depends_on_past || t.wait_for_downstream,
      wait_for_downstream: t.wait_for_downstream,
      ...(t.pool && t.pool !== "default_pool" ? { pool: t.pool } : {}),
      ...(weights ? { priority_weight: weights.get(t.task_id) } : {}),
      ...(SENSOR_OPERATORS.includes(t.operator)
        ? {
            sensor: {
              mode: t.mode ?? SENSOR_DEFAULTS.mode,
              timeout: t.timeout ?? SENSOR_DEFAULTS.timeout,
              poke_interval: t.poke_interval ?? SENSOR_DEFAULTS.poke_interval,
            },
          }
        : {}),
    })),
  };
}
