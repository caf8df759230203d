// State names of task instances and DagRuns, in one module as Airflow's utils/state.py.
// The string values are Airflow's, so users, the UI and the API see the words they know.

export const TASK_STATES = [
  "none",
  "scheduled",
  "queued",
  "running",
  "success",
  "failed",
  "up_for_retry",
  "up_for_reschedule",
  "upstream_failed",
  "skipped",
  "removed",
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const DAG_RUN_STATES = ["queued", "running", "success", "failed"] as const;
export type DagRunState = (typeof DAG_RUN_STATES)[number];

/** Airflow's State.finished: the task needs no further action. */
export const FINISHED_STATES: ReadonlySet<TaskState> = new Set<TaskState>([
  "success",
  "failed",
  "skipped",
  "upstream_failed",
  "removed",
]);

/** Airflow's State.unfinished (restarting and deferred do not exist here). */
export const UNFINISHED_STATES: ReadonlySet<TaskState> = new Set<TaskState>([
  "none",
  "scheduled",
  "queued",
  "running",
  "up_for_retry",
  "up_for_reschedule",
]);

/** Airflow's State.failed_states: a leaf in one of these fails the run. */
export const FAILED_STATES: ReadonlySet<TaskState> = new Set<TaskState>(["failed", "upstream_failed"]);

/** Airflow's State.success_states: the run succeeds when every leaf is in one of these. */
export const SUCCESS_STATES: ReadonlySet<TaskState> = new Set<TaskState>(["success", "skipped"]);

/** Airflow's SCHEDULEABLE_STATES: the scheduler evaluates dependencies only for these. */
export const SCHEDULABLE_STATES: ReadonlySet<TaskState> = new Set<TaskState>([
  "none",
  "up_for_retry",
  "up_for_reschedule",
]);

/** A try has been handed out and has not reported its end. */
export const TRY_ACTIVE_STATES: ReadonlySet<TaskState> = new Set<TaskState>(["scheduled", "queued", "running"]);

export const FINISHED_DAG_RUN_STATES: ReadonlySet<DagRunState> = new Set<DagRunState>(["success", "failed"]);

export function isFinished(state: TaskState): boolean {
  return FINISHED_STATES.has(state);
}
