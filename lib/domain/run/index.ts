// Windsock's DagRun engine: Airflow 3.1's run semantics as a pure state machine.
//
//   const state0 = createRun({ dag, run_id, logical_date });   // dag: a normalized DagSpec fits
//   let { state, commands } = applyEvent(state0, { type: "run_started", at });
//   // ...the driver carries out `commands` and reports what happened, in order:
//   ({ state, commands } = applyEvent(state, { type: "task_try_succeeded", task_id, try_number, at }));
//
// Contract for drivers (the Temporal DagRun workflow, `windsock dags test`):
//   - The engine never reads a clock: every event carries `at` (ISO-8601 UTC). Timers are
//     commands (schedule_retry_timer / schedule_reschedule_timer / schedule_run_timeout);
//     the driver reports them back as retry_timer_fired / reschedule_timer_fired / run_timeout.
//   - `start_try {task_id, try_number}` asks to run that try; report task_try_started (and
//     optionally task_try_queued) then exactly one of task_try_succeeded / _failed / _skipped /
//     _rescheduled, with that try_number. A branch / short_circuit success carries `skip`:
//     a list of downstream task ids or "all_downstream" (see branchSkipList, shortCircuitSkipList).
//   - `cancel_try` / `cancel_timer`: stop that try or timer; anything it reports later is
//     ignored (stale try numbers are ignored, never an error).
//   - `record_states` lists every task state change (and the run's) of the event, for the
//     database; `finish_run` says the run is over (the workflow may end; a later clear_tasks or
//     mark_task re-opens the run from its state).
//   - Operators' actions are events too: clear_tasks (fresh retry budget, try_number keeps
//     counting; include_downstream / include_upstream / only_failed), mark_task, mark_run,
//     cancel_run. A finished run re-opens when a clear makes something runnable again.
//   - To continue from the database (a new workflow execution): createRun({ ..., restore }) with
//     the recorded states, then `run_resumed` for a run that was running.
//   - explainTask(state, id) says why a task is in its state or is not running ("why didn't
//     this run?"); every state the engine decides also carries its reason in record_states.
//   - applyEvents(state, events) takes several events that arrived together and evaluates once
//     (one record_states for the database), as one Airflow scheduler loop would.
//   - State is plain JSON; applying the same events to the same state gives the same result
//     (replay). applyEvent throws EngineInputError only on contract violations (unknown task id,
//     skipping a task that is not downstream); late or duplicate events come back with `ignored`.
//
// Semantics follow Airflow 3.1.8: trigger_rule_dep.py (evaluateTriggerRule), DagRun.update_state
// (run state from leaves, deadlock), TaskInstance.next_retry_datetime (nextRetryDatetime),
// clear_task_instances (fresh retry budget), set_task_instance_state (mark_task),
// set_dag_run_state_to_failed (cancel_run), the scheduler's dagrun_timeout handling (run_timeout).

export { applyEvent, applyEvents } from "./apply-event";
export { createRun, getTaskInstance } from "./create-run";
export { explainTask } from "./explain-task";
export { buildRunGraph, descendantsOf, ancestorsOf } from "./build-run-graph";
export { branchSkipList, shortCircuitSkipList } from "./skip-lists";
export { evaluateTriggerRule, countUpstreams, describeUpstreams } from "./evaluate-trigger-rule";
export type { TriggerRuleDecision, UpstreamCounts, UpstreamInstance } from "./evaluate-trigger-rule";
export { nextRetryDatetime, retryDelayMs, MAX_RETRY_DELAY_SECONDS } from "./next-retry-datetime";
export type { RetryKey, RetryTiming } from "./next-retry-datetime";
export { EngineInputError } from "./engine-input-error";
export * from "./task-state";
export { TRIGGER_RULES, isTriggerRule, type TriggerRule } from "./trigger-rule";
export type * from "./run-types";
