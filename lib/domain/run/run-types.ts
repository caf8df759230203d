// The DagRun engine's public data shapes: the DAG it runs, its state, the events it
// accepts and the commands it emits. Everything here is plain JSON (no Date, Map, class or
// undefined-vs-missing tricks) so a Temporal workflow can carry it and replay it.
// Instants are ISO-8601 strings in UTC with "Z" (e.g. "2026-01-01T00:00:00.000Z");
// durations are integer milliseconds, as in the DagSpec.

import type { DagRunState, TaskState } from "./task-state";
import type { TriggerRule } from "./trigger-rule";

// ---------------------------------------------------------------------------------------
// Input: what the engine needs to know about the DAG (a projection of the DagSpec).

/**
 * One task as the engine sees it: a structural subset of the DagSpec's TaskSpec
 * (lib/domain/dag/spec.ts), so a normalized DagSpec can be passed as it is.
 * Durations are integer MILLISECONDS, as in the DagSpec.
 */
export interface RunTask {
  task_id: string;
  /** Direct upstream task ids (full ids). */
  upstream: readonly string[];
  trigger_rule: TriggerRule;
  retries: number;
  /** ms */
  retry_delay: number;
  /** Multiplier; 0 or false = off; true = 2.0 (Airflow's base). */
  retry_exponential_backoff: number | boolean;
  /** ms or null (then Airflow's 24 h ceiling). */
  max_retry_delay: number | null;
  /** ms or null; passed on to the driver in start_try. */
  execution_timeout: number | null;
  operator: string;
  /** Enforced by the workflow before each try (lib/domain/run/past-deps.ts), not by this engine. */
  depends_on_past?: boolean;
  /** Implies depends_on_past; see past-deps.ts. */
  wait_for_downstream?: boolean;
  /** The task's pool when not default_pool; enforced by the worker before each try, not by this engine. */
  pool?: string;
  /** Airflow's priority_weight_total, when the DAG sets priorities: tries waiting for slots start heaviest first. */
  priority_weight?: number;
  /** Sensors only: where their tries run (workflows/dag-run-contract.ts placeTry); ms. */
  sensor?: { mode: "poke" | "reschedule"; timeout: number; poke_interval: number };
}

/** The DAG as the engine sees it; a normalized DagSpec fits. */
export interface RunDag {
  dag_id: string;
  tasks: readonly RunTask[];
  /** ms or null. */
  dagrun_timeout: number | null;
}

export interface CreateRunInput {
  // Room for depends_on_past / wait_for_downstream (a later issue): they will add the previous
  // run's task states here (e.g. `previous_run?: { tasks: Record<string, TaskState> }`), read
  // by a dependency check next to the trigger rule; nothing else in the API has to change.
  dag: RunDag;
  run_id: string;
  /** The run's logical date; null for runs without one (Airflow 3 allows that). Feeds retry jitter. */
  logical_date: string | null;
  /**
   * To resume from the database (e.g. clearing a task of a finished run starts a new workflow):
   * the run's state and dates, and each task's recorded state. Tasks left out start as "none".
   * A task recorded in a try-active state (scheduled, queued, running) has lost its try: give it
   * as up_for_retry or none, or clear it with a clear_tasks event.
   */
  restore?: {
    state: DagRunState;
    start_date: string | null;
    end_date: string | null;
    tasks: Record<string, RestoredTask>;
  };
}

export interface RestoredTask {
  state: TaskState;
  try_number: number;
  /** Defaults to retries (plus nothing): pass the recorded max_tries when known. */
  max_tries?: number;
  start_date?: string | null;
  end_date?: string | null;
  reason?: string | null;
  skipped_downstream?: string[] | null;
  /** For up_for_retry / up_for_reschedule: when the next try may start. */
  next_try_at?: string | null;
}

/** The fields of a task the run state keeps (operator-specific fields stay in the DagSpec). */
export interface GraphTask {
  task_id: string;
  upstream: string[];
  downstream: string[];
  topo_index: number;
  /** topo_index of each upstream / downstream task (hot loops avoid id lookups). */
  upstream_index: number[];
  downstream_index: number[];
  trigger_rule: TriggerRule;
  retries: number;
  retry_delay: number;
  retry_exponential_backoff: number | boolean;
  max_retry_delay: number | null;
  execution_timeout: number | null;
  operator: string;
  depends_on_past: boolean;
  wait_for_downstream: boolean;
}

// ---------------------------------------------------------------------------------------
// State.

/** The DAG with derived graph facts, frozen into the run state so replay needs nothing else. */
export interface RunGraph {
  dag_id: string;
  /** ms or null. */
  dagrun_timeout: number | null;
  tasks: Record<string, GraphTask>;
  /** Task ids in a topological order (upstreams first, ties by declaration order). */
  order: string[];
  /** Tasks without downstream: they decide the run's final state. */
  leaves: string[];
}

export interface TaskInstance {
  task_id: string;
  state: TaskState;
  /** Number of the current or last try; 0 before the first try. Keeps counting after a clear. */
  try_number: number;
  /** Airflow's max_tries: the try number up to which a failure is retried (retries, raised on clear). */
  max_tries: number;
  start_date: string | null;
  end_date: string | null;
  /** When state is up_for_retry / up_for_reschedule: when the next try may start. */
  next_try_at: string | null;
  /** A retry or reschedule timer was requested and has not fired yet. */
  timer_pending: boolean;
  /** Why the task is in its state (trigger-rule decision, error, who skipped it…); shown in the UI. */
  reason: string | null;
  /** Task ids this task skipped on its last success (branch / short_circuit); re-applied after a clear. */
  skipped_downstream: string[] | null;
}

export interface RunState {
  version: 1;
  graph: RunGraph;
  dag_id: string;
  run_id: string;
  logical_date: string | null;
  state: DagRunState;
  start_date: string | null;
  end_date: string | null;
  /** Why the run finished: "success" | "task_failure" | "deadlock" | "dagrun_timeout" | "cancelled" | "marked". */
  finish_reason: FinishReason | null;
  /** Human-readable explanation of the run's state. */
  message: string | null;
  /**
   * One entry per task in topological order: tasks[graph.tasks[id].topo_index] (use
   * `getTaskInstance(state, id)`). An array, not a map, so each event copies pointers, not keys.
   */
  tasks: TaskInstance[];
  /** Derived counts kept up to date by the engine so each event costs O(changes), not O(tasks). */
  counts: {
    /** Tasks in an unfinished state (none, scheduled, queued, running, up_for_retry, up_for_reschedule). */
    unfinished: number;
    /** Unfinished tasks other than "none": a try or timer is out, so the run cannot be deadlocked. */
    active: number;
  };
  /** Number of events applied (including ignored ones); useful to check replay. */
  event_count: number;
}

export type FinishReason = "success" | "task_failure" | "deadlock" | "dagrun_timeout" | "cancelled" | "marked";

// ---------------------------------------------------------------------------------------
// Events: facts the driver (Temporal workflow or `dags test`) reports, in order.
// Every event carries `at`, the time it happened: the engine has no clock.
// Try events name the try_number from start_try; a stale one (older try, cleared task) is ignored.

/** What a successful branch / short_circuit try asks to skip. */
export type SkipRequest = string[] | "all_downstream";

export type RunEvent =
  | { type: "run_started"; at: string }
  /**
   * A new driver takes over a restored running run (CreateRunInput.restore): re-evaluates every
   * task, re-arms retry/reschedule timers (or starts the try when its time has passed), puts
   * scheduled/queued tasks back to none (Airflow's orphan reset) and fails running tries as lost.
   */
  | { type: "run_resumed"; at: string }
  | { type: "task_try_queued"; task_id: string; try_number: number; at: string }
  | { type: "task_try_started"; task_id: string; try_number: number; at: string }
  | {
      type: "task_try_succeeded";
      task_id: string;
      try_number: number;
      at: string;
      /** Task ids to skip (descendants of this task), or every descendant. */
      skip?: SkipRequest;
    }
  | {
      type: "task_try_failed";
      task_id: string;
      try_number: number;
      at: string;
      error: string;
      /** false = fail now whatever the retries (Airflow's AirflowFailException). Default true. */
      retryable?: boolean;
    }
  | { type: "task_try_skipped"; task_id: string; try_number: number; at: string; reason?: string }
  /**
   * The try's worker was lost (killed, crashed, heartbeat timed out) before it reported an
   * outcome: the task runs again at once with a new try number, and the lost try does not use
   * one of its retries (max_tries grows by one). The driver bounds how often this may happen.
   */
  | { type: "task_try_lost"; task_id: string; try_number: number; at: string; reason?: string }
  | {
      /** A sensor in reschedule mode gave back its slot; poke again at reschedule_at. */
      type: "task_try_rescheduled";
      task_id: string;
      try_number: number;
      at: string;
      reschedule_at: string;
    }
  | { type: "retry_timer_fired"; task_id: string; try_number: number; at: string }
  | { type: "reschedule_timer_fired"; task_id: string; try_number: number; at: string }
  | { type: "run_timeout"; at: string }
  | {
      type: "clear_tasks";
      task_ids: string[];
      at: string;
      include_downstream?: boolean;
      include_upstream?: boolean;
      /** Only clear the selected tasks that are failed or upstream_failed. */
      only_failed?: boolean;
    }
  | { type: "mark_task"; task_id: string; state: "success" | "failed"; at: string }
  | { type: "cancel_run"; at: string; reason?: string }
  /**
   * A user sets the run's state (Airflow's set_dag_run_state_to_success / _failed): success marks
   * every task success; failed is cancel_run. Works on finished runs too.
   */
  | { type: "mark_run"; state: "success" | "failed"; at: string };

// ---------------------------------------------------------------------------------------
// Commands: what the driver must do after an event, in order.

export interface TaskStateChange {
  task_id: string;
  from: TaskState;
  state: TaskState;
  try_number: number;
  at: string;
  reason: string | null;
  /**
   * "try": reported by the task's own try (its activity may have recorded it already);
   * "user": the direct effect of clear_tasks / mark_task / mark_run / cancel_run;
   * "engine": decided by the engine (scheduled, trigger rules, branch skips, timeouts).
   */
  cause: "try" | "user" | "engine";
}

export type RunCommand =
  | {
      /** Run try `try_number` of the task; report its events with that number. */
      type: "start_try";
      task_id: string;
      try_number: number;
      operator: string;
      /** ms or null: the try's time limit. */
      execution_timeout: number | null;
    }
  | { type: "cancel_try"; task_id: string; try_number: number; reason: string }
  | { type: "schedule_retry_timer"; task_id: string; try_number: number; at: string }
  | { type: "schedule_reschedule_timer"; task_id: string; try_number: number; at: string }
  | { type: "cancel_timer"; task_id: string; try_number: number }
  | { type: "schedule_run_timeout"; at: string }
  | {
      /** Every state change this event caused, tasks in decision order; `run` when the run's state changed. */
      type: "record_states";
      tasks: TaskStateChange[];
      run: { state: DagRunState; reason: FinishReason | null; message: string | null; at: string } | null;
    }
  | { type: "finish_run"; state: "success" | "failed"; reason: FinishReason; message: string; at: string };

export interface ApplyResult {
  state: RunState;
  commands: RunCommand[];
  /** Set when the event changed nothing because it was stale or not applicable, saying why. */
  ignored?: string;
}

export interface ApplyBatchResult {
  state: RunState;
  /** One record_states (if anything changed) first, then the other commands, finish_run last. */
  commands: RunCommand[];
  /** The events of the batch that changed nothing, by position, with the reason. */
  ignored: { index: number; reason: string }[];
}
