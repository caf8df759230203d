// What the DagRun workflow and its activities exchange. Only ids, states, times and error
// text cross here: XCom values, logs and secrets stay in PostgreSQL (ARCHITECTURE.md).
import { DEFAULT_POOL_NAME } from "../lib/domain/pool/defaults";
import type { CreateRunInput, RunDag, RunEvent, RunState, RunTask, SkipRequest } from "../lib/domain/run";

export interface DagRunWorkflowInput {
  /** DagRun.id (the row's uuid). */
  dagRunId: string;
  /** Set by continue-as-new: where the previous execution stopped. */
  carry?: DagRunCarry;
  /** Continue as new past this many history events (default 20,000; tests set it low). */
  historyBudget?: number;
}

/** What a DagRun needs from the database to start: the engine's view of its pinned DagVersion. */
export interface RunPlan {
  dagRunId: string;
  dag: RunDag;
  run_id: string;
  logical_date: string | null;
  /** The run's state in the database when the workflow started. */
  db_state: string;
  /** When the run started (set by loadDagRun if it was queued). */
  start_date: string;
  /** The database's clock when the plan was read (the workflow has no clock of its own). */
  now: string;
  /** Tries whose time limit is at most this run as local activities. */
  local_threshold_ms: number;
  /** The script sandbox deadline (a script's limit without execution_timeout). */
  sandbox_timeout_ms: number;
  /** The recorded states of a run that already has tries (re-opened by a user, or restarted). */
  restore?: CreateRunInput["restore"];
  /** With restore: per task, how many of its tries are already recorded "worker lost". */
  lost?: Record<string, number>;
  /** The DAG's max_active_tasks (absent in plans made before slots were enforced). */
  max_active_tasks?: number;
}

export interface CheckPastDepsInput {
  dagRunId: string;
  task_id: string;
  wait_for_downstream: boolean;
  /** The task's direct downstream task ids (checked with wait_for_downstream). */
  downstream: string[];
}

export interface CheckPastDepsOutput {
  met: boolean;
  reason: string | null;
}

/** While depends_on_past holds a task back, the workflow checks again after this, growing to the cap. */
export const PAST_DEPS_RECHECK_MS = { first: 2_000, factor: 1.5, max: 30_000 };

/** The workflow Update through which users act on a running run (clear, mark). */
export const OPERATE_RUN_UPDATE = "operateRun";

export interface OperateRunInput {
  event: Extract<RunEvent, { type: "clear_tasks" | "mark_task" | "mark_run" }>;
}

export interface OperateRunOutput {
  /** What the user's event changed directly (not what the engine decided after it). */
  changes: { task_id: string; from: string; state: string; try_number: number; max_tries: number; reason: string | null }[];
  /** Why the event changed nothing, when it did not. */
  ignored: string | null;
  run_state: string;
}

export interface DagRunCarry {
  plan: RunPlan;
  state: RunState;
  /** Latest known time (ISO). */
  now: string;
  /** Lost tries per task (the worker-lost rule allows two). */
  lost: Record<string, number>;
  /** Pokes made so far by sensor tries back from a reschedule ("task#try"). */
  pokes?: Record<string, number>;
  /** start_try commands held back for the next execution. */
  starts: { task_id: string; try_number: number }[];
  /** Timers to re-arm. */
  timers: PendingTimer[];
}

export interface PendingTimer {
  kind: "retry" | "reschedule" | "run_timeout";
  task_id: string;
  try_number: number;
  at: string;
}

export interface RunTryInput {
  dagRunId: string;
  task_id: string;
  try_number: number;
  max_tries: number;
  kind: "local" | "regular";
  /** Take a slot first (pool, max_active_tasks); without it the try runs at once (workflows from before slots). */
  slots?: boolean;
  /** A sensor try back from a reschedule: how many pokes it made before (absent for a try's first poke). */
  pokes?: number;
}

/** A try's outcome without its return value (that went to the XCom table). */
export type TryResult =
  | { state: "success"; skip?: SkipRequest }
  | { state: "skipped"; reason: string }
  | { state: "failed"; error: string; retryable: boolean }
  /** A sensor in reschedule mode gave its slot back: it pokes again at reschedule_at (ISO); the try stays the same try. */
  | { state: "rescheduled"; reschedule_at: string }
  /** An earlier execution of this try was interrupted (its worker died): recorded as failed "worker lost". */
  | { state: "lost" }
  /** No slot was free (only when asked with `slots`): nothing ran; `blocked` names the full limiter (slotLimiter). */
  | { state: "waiting"; blocked: string; reason: string };

export interface RunTryOutput {
  started_at: string;
  ended_at: string;
  result: TryResult;
}

/** One write per workflow task: states the engine decided without a try, and the run's state. */
export interface RecordStatesInput {
  dagRunId: string;
  tasks: {
    task_id: string;
    state: string;
    try_number: number;
    max_tries: number;
    at: string;
    reason: string | null;
    next_try_at: string | null;
    start_date: string | null;
    end_date: string | null;
  }[];
  /** Tries the workflow ended itself (a lost worker noticed by a heartbeat timeout). */
  tries: { task_id: string; try_number: number; error: string; at: string }[];
  run: { state: string; at: string; message: string | null } | null;
}

/** Sent to a run's workflow when slots it may be waiting for could be free. */
export const SLOTS_FREED_SIGNAL = "slotsFreed";
/** The patch that turned slots on (workflows/dag-run.ts); histories from before it replay without. */
export const SLOTS_PATCH = "slots-v1";
/** While tries wait for slots, the workflow looks again after this, growing to the cap (a missed signal costs at most that). */
export const SLOTS_RECHECK_MS = { first: 2_000, factor: 2, max: 30_000 };

/** What can hold a try back: its pool ("pool:<name>") or its DAG's max_active_tasks ("dag"). */
export function slotLimiter(pool: string | undefined): string {
  return `pool:${pool ?? DEFAULT_POOL_NAME}`;
}
export const DAG_LIMITER = "dag";

export const WORKER_LOST = "worker lost";
/** How many times one task may lose its worker before the loss counts as a failure. */
export const MAX_LOST_TRIES_PER_TASK = 2;
/** Used when a try has no time limit at all (ARCHITECTURE.md: "a configured ceiling"). */
export const TRY_CEILING_MS = 24 * 3600_000;
/** Extra start-to-close time beyond a try's own limit, so the try's own timeout (which names the limit) wins. */
export const TRY_GRACE_MS = 30_000;
export const HEARTBEAT_TIMEOUT_MS = 30_000;

/** Operators whose tries finish at once (no user code, no I/O). */
const INSTANT_OPERATORS = new Set(["empty", "latest_only"]);
/** Operators whose default limit is the sandbox deadline. */
const SANDBOX_OPERATORS = new Set(["script", "branch", "short_circuit"]);
/** Sensors that only compare the clock: a reschedule-mode poke of theirs finishes at once. */
const CLOCK_SENSORS = new Set(["time_delta_sensor", "date_time_sensor"]);

/**
 * Where a try runs (ARCHITECTURE.md, "How a task try runs"): its effective time limit is its
 * execution_timeout, or the operator's default (the sandbox deadline for scripts); at most the
 * threshold → a local activity in the worker running the workflow, else a regular activity.
 */
export function placeTry(
  task: { operator: string; execution_timeout: number | null; sensor?: RunTask["sensor"] },
  plan: Pick<RunPlan, "local_threshold_ms" | "sandbox_timeout_ms">,
): { kind: "local" | "regular"; limit_ms: number } {
  if (task.sensor) {
    const { mode, timeout, poke_interval } = task.sensor;
    // Poke mode waits inside the try, up to its timeout and one more poke: always a regular,
    // heartbeating activity. A reschedule-mode try is one short poke: a clock sensor's is
    // instant, another's lasts at most its execution_timeout or the local threshold.
    if (mode === "poke") return { kind: "regular", limit_ms: task.execution_timeout ?? timeout + poke_interval };
    const limit = task.execution_timeout ?? (CLOCK_SENSORS.has(task.operator) ? 1000 : plan.local_threshold_ms);
    return { kind: limit <= plan.local_threshold_ms ? "local" : "regular", limit_ms: limit };
  }
  const limit =
    task.execution_timeout ??
    (INSTANT_OPERATORS.has(task.operator) ? 1000 : SANDBOX_OPERATORS.has(task.operator) ? plan.sandbox_timeout_ms : null);
  if (limit === null) return { kind: "regular", limit_ms: TRY_CEILING_MS };
  return { kind: limit <= plan.local_threshold_ms ? "local" : "regular", limit_ms: limit };
}
