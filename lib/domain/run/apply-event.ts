// The DagRun state machine: (state, event) -> { state, commands }. Pure and deterministic:
// no clock (time comes in `event.at`), no randomness, no I/O, input never mutated. After each
// event it re-evaluates the affected tasks in topological order to a fixpoint (Airflow's
// scheduler loop, DagRun.update_state + _get_ready_tis, without waiting for the next loop),
// then derives the run's state from its leaves as DagRun.update_state does.

import { closure, descendantsOf } from "./build-run-graph";
import { EngineInputError } from "./engine-input-error";
import { evaluateTriggerRule, type UpstreamInstance } from "./evaluate-trigger-rule";
import { nextRetryDatetime } from "./next-retry-datetime";
import type {
  ApplyBatchResult,
  ApplyResult,
  FinishReason,
  GraphTask,
  RunCommand,
  RunEvent,
  RunState,
  SkipRequest,
  TaskInstance,
  TaskStateChange,
} from "./run-types";
import {
  FAILED_STATES,
  FINISHED_STATES,
  FINISHED_DAG_RUN_STATES,
  SCHEDULABLE_STATES,
  SUCCESS_STATES,
  TRY_ACTIVE_STATES,
  UNFINISHED_STATES,
  type DagRunState,
  type TaskState,
} from "./task-state";

export function applyEvent(state: RunState, event: RunEvent): ApplyResult {
  const step = new Step(state);
  const ignored = dispatch(step, event);
  if (ignored !== null) {
    return { state: { ...state, event_count: state.event_count + 1 }, commands: [], ignored };
  }
  settle(step, event.at);
  return step.finish(1);
}

/**
 * Applies several events that arrived together (e.g. in one Temporal workflow task), then
 * evaluates once, as one Airflow scheduler loop would see them: one record_states for all.
 * The same batches in the same order replay to the same result. Equivalent to applyEvent one
 * by one except where Airflow itself depends on timing (a task whose upstreams were decided by
 * events of the same batch sees all of them at once).
 */
export function applyEvents(state: RunState, events: readonly RunEvent[]): ApplyBatchResult {
  const step = new Step(state);
  const ignored: { index: number; reason: string }[] = [];
  let lastAt: string | null = null;
  events.forEach((event, index) => {
    const reason = dispatch(step, event);
    if (reason !== null) ignored.push({ index, reason });
    else lastAt = event.at;
  });
  if (lastAt === null) return { state: { ...state, event_count: state.event_count + events.length }, commands: [], ignored };
  settle(step, lastAt);
  const { state: next, commands } = step.finish(events.length);
  return { state: next, commands, ignored };
}

/** Airflow's scheduler loop for this run: start what may run, then the run's own state. */
function settle(step: Step, at: string): void {
  if (step.run.state !== "running") return;
  step.cause = "engine";
  scheduleReadyTasks(step, at);
  updateRunState(step, at);
}

const USER_EVENTS: ReadonlySet<RunEvent["type"]> = new Set<RunEvent["type"]>([
  "clear_tasks",
  "mark_task",
  "mark_run",
  "cancel_run",
]);

/** Applies the handler for one event; returns a reason when the event changes nothing. */
function dispatch(step: Step, event: RunEvent): string | null {
  step.cause = USER_EVENTS.has(event.type) ? "user" : "engine";
  switch (event.type) {
    case "run_started":
      return onRunStarted(step, event.at);
    case "run_resumed":
      return onRunResumed(step, event.at);
    case "task_try_queued":
    case "task_try_started":
    case "task_try_succeeded":
    case "task_try_failed":
    case "task_try_skipped":
    case "task_try_rescheduled":
    case "task_try_lost":
      return onTryEvent(step, event);
    case "retry_timer_fired":
    case "reschedule_timer_fired":
      return onTimerFired(step, event);
    case "run_timeout":
      return onRunTimeout(step, event.at);
    case "clear_tasks":
      return onClearTasks(step, event);
    case "mark_task":
      return onMarkTask(step, event);
    case "cancel_run":
      return onCancelRun(step, event.at, event.reason);
    case "mark_run":
      return onMarkRun(step, event.state, event.at);
  }
}

// ---------------------------------------------------------------------------------------
// Event handlers

function onRunStarted(step: Step, at: string): string | null {
  if (step.run.state !== "queued") return `the run is already ${step.run.state}`;
  step.startRun(at);
  for (const id of step.graph.order) step.markDirty(id);
  return null;
}

function onRunResumed(step: Step, at: string): string | null {
  if (step.run.state !== "running") return `the run is ${step.run.state}, not running`;
  for (const id of step.graph.order) {
    const ti = step.task(id);
    if (ti.state === "scheduled" || ti.state === "queued") {
      step.setTask(id, "none", at, "Reset: its try had not started when the run was resumed.");
    } else if (ti.state === "running") {
      onTryFailed(step, ti, "the worker running this try was lost", true, at);
    } else if ((ti.state === "up_for_retry" || ti.state === "up_for_reschedule") && ti.next_try_at !== null) {
      if (Date.parse(ti.next_try_at) > Date.parse(at)) {
        step.patchTask(id, { timer_pending: true });
        step.command({
          type: ti.state === "up_for_retry" ? "schedule_retry_timer" : "schedule_reschedule_timer",
          task_id: id,
          try_number: ti.try_number,
          at: ti.next_try_at,
        });
      } else step.patchTask(id, { timer_pending: false });
    }
    step.markDirty(id);
  }
  if (step.graph.dagrun_timeout !== null && step.run.start_date !== null) {
    step.command({
      type: "schedule_run_timeout",
      at: new Date(Date.parse(step.run.start_date) + step.graph.dagrun_timeout).toISOString(),
    });
  }
  return null;
}

type TryEvent = Extract<
  RunEvent,
  {
    type:
      | "task_try_queued"
      | "task_try_started"
      | "task_try_succeeded"
      | "task_try_failed"
      | "task_try_skipped"
      | "task_try_rescheduled"
      | "task_try_lost";
  }
>;

function onTryEvent(step: Step, event: TryEvent): string | null {
  const ti = step.task(event.task_id);
  if (event.try_number !== ti.try_number || !TRY_ACTIVE_STATES.has(ti.state)) {
    return `task '${ti.task_id}' is ${ti.state} at try ${ti.try_number}; the event is for try ${event.try_number}`;
  }
  const at = event.at;
  step.cause = "try";
  switch (event.type) {
    case "task_try_queued":
      if (ti.state !== "scheduled") return `task '${ti.task_id}' is already ${ti.state}`;
      step.setTask(ti.task_id, "queued", at, null);
      return null;
    case "task_try_started":
      if (ti.state === "running") return `task '${ti.task_id}' is already running`;
      step.setTask(ti.task_id, "running", at, null, { start_date: at });
      return null;
    case "task_try_succeeded": {
      const skipTargets = event.skip === undefined ? [] : resolveSkip(step, ti.task_id, event.skip);
      step.setTask(ti.task_id, "success", at, null, {
        start_date: ti.start_date ?? at,
        end_date: at,
        skipped_downstream: event.skip === undefined ? null : skipTargets,
      });
      const op = step.graph.tasks[ti.task_id].operator;
      step.cause = "engine";
      for (const id of skipTargets) {
        step.forceFinish(id, "skipped", at, `Skipped by ${op} task '${ti.task_id}' (try ${ti.try_number}).`);
      }
      return null;
    }
    case "task_try_failed":
      onTryFailed(step, ti, event.error, event.retryable !== false, at);
      return null;
    case "task_try_lost":
      // Back to "none": the scheduling pass starts try_number + 1 at once; one more try allowed.
      step.setTask(
        ti.task_id,
        "none",
        at,
        `Try ${ti.try_number} was lost with its worker${event.reason ? ` (${event.reason})` : ""}; it runs again without using a retry.`,
        { max_tries: ti.max_tries + 1, start_date: null, end_date: null, next_try_at: null, timer_pending: false },
      );
      return null;
    case "task_try_skipped":
      step.setTask(ti.task_id, "skipped", at, event.reason ?? "The task skipped itself.", {
        start_date: ti.start_date ?? at,
        end_date: at,
      });
      return null;
    case "task_try_rescheduled":
      step.setTask(ti.task_id, "up_for_reschedule", at, `Rescheduled: the sensor pokes again at ${event.reschedule_at}.`, {
        start_date: ti.start_date ?? at,
        next_try_at: event.reschedule_at,
        timer_pending: true,
      });
      step.command({
        type: "schedule_reschedule_timer",
        task_id: ti.task_id,
        try_number: ti.try_number,
        at: event.reschedule_at,
      });
      return null;
  }
}

/** Airflow's handle_failure: up_for_retry while the budget allows, else failed. */
function onTryFailed(step: Step, ti: TaskInstance, error: string, retryable: boolean, at: string): void {
  const task = step.graph.tasks[ti.task_id];
  const times = { start_date: ti.start_date ?? at, end_date: at };
  // TaskInstance.is_eligible_to_retry: task.retries and try_number <= max_tries.
  if (retryable && task.retries > 0 && ti.try_number <= ti.max_tries) {
    const nextAt = nextRetryDatetime(
      task,
      { dag_id: step.graph.dag_id, task_id: task.task_id, logical_date: step.logicalDate, try_number: ti.try_number },
      at,
    );
    const reason = `Try ${ti.try_number} failed: ${error}. Retrying at ${nextAt} (try ${ti.try_number + 1} of ${ti.max_tries + 1}).`;
    step.setTask(ti.task_id, "up_for_retry", at, reason, { ...times, next_try_at: nextAt, timer_pending: true });
    step.command({ type: "schedule_retry_timer", task_id: ti.task_id, try_number: ti.try_number, at: nextAt });
    return;
  }
  const why = !retryable
    ? "failed without retry (the error is not retryable)"
    : task.retries > 0
      ? `failed; no retries left (${ti.try_number} tries of ${ti.max_tries + 1})`
      : "failed";
  step.setTask(ti.task_id, "failed", at, `Try ${ti.try_number} ${why}: ${error}`, times);
}

function onTimerFired(step: Step, event: Extract<RunEvent, { type: "retry_timer_fired" | "reschedule_timer_fired" }>): string | null {
  const ti = step.task(event.task_id);
  const expected: TaskState = event.type === "retry_timer_fired" ? "up_for_retry" : "up_for_reschedule";
  if (ti.state !== expected || ti.try_number !== event.try_number || !ti.timer_pending) {
    return `task '${ti.task_id}' is ${ti.state} at try ${ti.try_number}; no timer of try ${event.try_number} is pending`;
  }
  step.patchTask(ti.task_id, { timer_pending: false });
  step.markDirty(ti.task_id);
  return null;
}

/** Airflow's scheduler on dagrun_timeout: run failed, every unfinished task skipped. */
function onRunTimeout(step: Step, at: string): string | null {
  if (step.run.state !== "running") return `the run is ${step.run.state}`;
  const timeout = step.graph.dagrun_timeout;
  if (timeout === null) return "the DAG has no dagrun_timeout";
  if (Date.parse(at) < Date.parse(step.run.start_date!) + timeout) {
    return "the timeout is from an earlier start of the run";
  }
  const reason = `Skipped: the run exceeded its dagrun_timeout of ${formatMs(timeout)}.`;
  for (const id of step.graph.order) {
    if (UNFINISHED_STATES.has(step.task(id).state)) step.forceFinish(id, "skipped", at, reason);
  }
  step.finishRun("failed", "dagrun_timeout", `The run exceeded its dagrun_timeout of ${formatMs(timeout)}.`, at);
  return null;
}

/** Airflow's set_dag_run_state_to_failed: running tries fail, pending tasks are skipped. */
function onCancelRun(step: Step, at: string, reason: string | undefined): string | null {
  if (FINISHED_DAG_RUN_STATES.has(step.run.state)) return `the run is already ${step.run.state}`;
  failRun(step, at, reason ?? "the run was cancelled", "cancelled");
  return null;
}

function onMarkRun(step: Step, state: "success" | "failed", at: string): string | null {
  if (step.run.state === state) return `the run is already ${state}`;
  if (state === "failed") {
    failRun(step, at, `the run was marked failed by a user at ${at}`, "marked");
    return null;
  }
  // set_dag_run_state_to_success: every task that is not successful becomes so.
  for (const id of step.graph.order) {
    if (step.task(id).state !== "success") step.forceFinish(id, "success", at, `Marked success with its run by a user at ${at}.`);
  }
  step.finishRun("success", "marked", `The run was marked success by a user at ${at}.`, at);
  return null;
}

function failRun(step: Step, at: string, why: string, reason: FinishReason): void {
  for (const id of step.graph.order) {
    const ti = step.task(id);
    if (ti.state === "running" || ti.state === "up_for_reschedule") {
      step.forceFinish(id, "failed", at, `Failed: ${why}.`);
    } else if (UNFINISHED_STATES.has(ti.state)) {
      step.forceFinish(id, "skipped", at, `Skipped: ${why}.`);
    }
  }
  step.finishRun("failed", reason, `The run failed: ${why}.`, at);
}

function onClearTasks(step: Step, event: Extract<RunEvent, { type: "clear_tasks" }>): string | null {
  for (const id of event.task_ids) step.task(id);
  let selected = event.task_ids;
  if (event.include_downstream) selected = closure(step.graph, selected, "downstream");
  if (event.include_upstream) {
    selected = [...new Set([...selected, ...closure(step.graph, event.task_ids, "upstream")])];
  }
  if (event.only_failed) selected = selected.filter((id) => FAILED_STATES.has(step.task(id).state));
  if (selected.length === 0) return "no task matched the selection";
  clearTasks(step, selected, event.at);
  return null;
}

/**
 * Airflow's set_task_instance_state: set the state, then clear the downstream tasks that are
 * failed or upstream_failed so they can run again. Like Airflow, a finished run is only
 * re-opened when that clears something.
 */
function onMarkTask(step: Step, event: Extract<RunEvent, { type: "mark_task" }>): string | null {
  const ti = step.task(event.task_id);
  // Airflow answers 409 here: nothing to change.
  if (ti.state === event.state) return `task '${ti.task_id}' is already ${ti.state}`;
  step.forceFinish(ti.task_id, event.state, event.at, `Marked ${event.state} by a user at ${event.at}.`);
  const toClear = descendantsOf(step.graph, ti.task_id).filter((id) => FAILED_STATES.has(step.task(id).state));
  if (toClear.length > 0) clearTasks(step, toClear, event.at);
  for (const id of step.graph.tasks[ti.task_id].downstream) step.markDirty(id);
  return null;
}

/** Airflow's clear_task_instances: state none, a fresh retry budget, try_number kept. */
function clearTasks(step: Step, taskIds: readonly string[], at: string): void {
  const ordered = [...new Set(taskIds)].sort((a, b) => step.graph.tasks[a].topo_index - step.graph.tasks[b].topo_index);
  for (const id of ordered) {
    const ti = step.task(id);
    step.cancelWork(ti, "the task was cleared");
    step.setTask(id, "none", at, `Cleared at ${at}.`, {
      max_tries: ti.try_number + step.graph.tasks[id].retries,
      start_date: null,
      end_date: null,
      next_try_at: null,
      timer_pending: false,
      skipped_downstream: null,
    });
  }
  if (FINISHED_DAG_RUN_STATES.has(step.run.state)) step.startRun(at);
}

function resolveSkip(step: Step, taskId: string, skip: SkipRequest): string[] {
  const descendants = descendantsOf(step.graph, taskId);
  if (skip === "all_downstream") return descendants;
  const allowed = new Set(descendants);
  for (const id of skip) {
    if (!allowed.has(id)) {
      throw new EngineInputError(`Task '${taskId}' asked to skip '${id}', which is not downstream of it.`);
    }
  }
  const wanted = new Set(skip);
  return descendants.filter((id) => wanted.has(id));
}

// ---------------------------------------------------------------------------------------
// Scheduling pass and run state

/** Evaluates dirty schedulable tasks in topological order; starts those whose rule passes. */
function scheduleReadyTasks(step: Step, at: string): void {
  for (let id = step.popDirty(); id !== null; id = step.popDirty()) {
    const ti = step.task(id);
    if (!SCHEDULABLE_STATES.has(ti.state)) continue;
    const task = step.graph.tasks[id];

    const upstreams = upstreamInstances(step, task);
    const skippedBy = previouslySkippedBy(task, upstreams);
    if (skippedBy !== null) {
      step.setTask(id, "skipped", at, `Skipped: upstream '${skippedBy}' chose to skip this task.`, {
        start_date: ti.start_date ?? at,
        end_date: at,
        timer_pending: false,
        next_try_at: null,
      });
      continue;
    }

    const decision = evaluateTriggerRule(task.trigger_rule, upstreams);
    if (decision.new_state !== null) {
      step.cancelWork(ti, "its trigger rule settled its state");
      step.setTask(id, decision.new_state, at, decision.reason, {
        start_date: ti.start_date ?? at,
        end_date: at,
        timer_pending: false,
        next_try_at: null,
      });
      continue;
    }
    if (!decision.passed || ti.timer_pending) continue;

    // Airflow's schedule_tis: a new try number, except when coming back from a reschedule.
    const rescheduled = ti.state === "up_for_reschedule";
    const tryNumber = rescheduled ? ti.try_number : ti.try_number + 1;
    // A new try gets its own dates; a rescheduled sensor keeps the start of its try.
    step.setTask(id, "scheduled", at, decision.reason, {
      try_number: tryNumber,
      next_try_at: null,
      end_date: null,
      start_date: rescheduled ? ti.start_date : null,
    });
    step.command({
      type: "start_try",
      task_id: id,
      try_number: tryNumber,
      operator: task.operator,
      execution_timeout: task.execution_timeout,
    });
  }
}

/** Airflow's NotPreviouslySkippedDep: a successful direct upstream that skipped this task. */
function previouslySkippedBy(task: GraphTask, upstreams: readonly UpstreamTI[]): string | null {
  for (const up of upstreams) {
    // As Airflow: any finished parent whose last skip decision (its XCom there) names this task.
    if (FINISHED_STATES.has(up.state) && up.skipped_downstream?.includes(task.task_id)) return up.task_id;
  }
  return null;
}

type UpstreamTI = UpstreamInstance & { skipped_downstream: string[] | null };

function upstreamInstances(step: Step, task: GraphTask): UpstreamTI[] {
  return task.upstream_index.map((i) => step.taskAt(i));
}

/** DagRun.update_state: failed / success from the leaves once nothing is unfinished, or deadlock. */
function updateRunState(step: Step, at: string): void {
  const counts = step.counts;
  if (counts.unfinished === 0) {
    const leaves = step.graph.leaves.map((id) => step.task(id)).filter((t) => t.state !== "removed");
    const failedLeaves = leaves.filter((t) => FAILED_STATES.has(t.state));
    if (failedLeaves.length > 0) {
      const names = failedLeaves.map((t) => `'${t.task_id}' (${t.state})`).join(", ");
      step.finishRun("failed", "task_failure", `The run failed: leaf task ${names}.`, at);
    } else if (leaves.every((t) => SUCCESS_STATES.has(t.state))) {
      step.finishRun("success", "success", "Every leaf task succeeded or was skipped.", at);
    }
    return;
  }
  if (counts.active === 0) {
    // Every unfinished task is waiting and none can ever run (the scheduling pass would have
    // started it otherwise): Airflow's "all_tasks_deadlocked".
    const unfinished = step.graph.order.filter((id) => step.task(id).state === "none");
    const details = unfinished.slice(0, 10).map((id) => {
      const task = step.graph.tasks[id];
      return `'${id}': ${evaluateTriggerRule(task.trigger_rule, upstreamInstances(step, task)).reason}`;
    });
    const more = unfinished.length > 10 ? ` (and ${unfinished.length - 10} more)` : "";
    step.finishRun(
      "failed",
      "deadlock",
      `Deadlock: ${unfinished.length} task(s) can never run${more}. ${details.join(" ")}`,
      at,
    );
  }
}

// ---------------------------------------------------------------------------------------
// Step: copy-on-write working state for one event, collecting changes and commands.

class Step {
  readonly graph: RunState["graph"];
  readonly logicalDate: string | null;
  readonly run: Pick<RunState, "state" | "start_date" | "end_date" | "finish_reason" | "message">;
  private readonly base: RunState;
  /** Tasks changed in this step (copies), by topological index; the rest is read from the base. */
  private readonly overlay = new Map<number, TaskInstance>();
  private readonly changes: TaskStateChange[] = [];
  private readonly commands: RunCommand[] = [];
  private runChanged = false;
  private finished: { state: "success" | "failed"; reason: FinishReason; message: string; at: string } | null = null;
  readonly counts: RunState["counts"];
  /** Who causes the state changes being made now (see TaskStateChange.cause). */
  cause: TaskStateChange["cause"] = "engine";
  private readonly dirty = new MinHeap();
  private readonly dirtySet = new Set<number>();

  constructor(state: RunState) {
    this.base = state;
    this.graph = state.graph;
    this.logicalDate = state.logical_date;
    this.run = {
      state: state.state,
      start_date: state.start_date,
      end_date: state.end_date,
      finish_reason: state.finish_reason,
      message: state.message,
    };
    this.counts = { ...state.counts };
  }

  index(id: string): number {
    if (!Object.prototype.hasOwnProperty.call(this.graph.tasks, id)) {
      throw new EngineInputError(`'${id}' is not a task of DAG '${this.graph.dag_id}'.`);
    }
    return this.graph.tasks[id].topo_index;
  }

  task(id: string): TaskInstance {
    return this.taskAt(this.index(id));
  }

  taskAt(i: number): TaskInstance {
    return this.overlay.get(i) ?? this.base.tasks[i];
  }

  patchTask(id: string, patch: Partial<TaskInstance>): void {
    const i = this.index(id);
    const copy = this.overlay.get(i);
    if (copy) Object.assign(copy, patch);
    else this.overlay.set(i, { ...this.base.tasks[i], ...patch });
  }

  /** Changes a task's state, records the change and queues its downstream for evaluation. */
  setTask(id: string, state: TaskState, at: string, reason: string | null, patch: Partial<TaskInstance> = {}): void {
    // Read the old values first: patchTask updates a task already copied in this step in place.
    const { state: from, try_number: fromTry } = this.task(id);
    this.patchTask(id, { ...patch, state, reason });
    this.countTransition(from, state);
    const tryNumber = this.task(id).try_number;
    if (from !== state || fromTry !== tryNumber) {
      this.changes.push({ task_id: id, from, state, try_number: tryNumber, at, reason, cause: this.cause });
    }
    this.markDirty(id);
    for (const down of this.graph.tasks[id].downstream_index) this.markDirtyAt(down);
  }

  private countTransition(from: TaskState, to: TaskState): void {
    const c = this.counts;
    if (UNFINISHED_STATES.has(from)) {
      c.unfinished--;
      if (from !== "none") c.active--;
    }
    if (UNFINISHED_STATES.has(to)) {
      c.unfinished++;
      if (to !== "none") c.active++;
    }
  }

  /** Ends a task without a try: stops its try or timer first. */
  forceFinish(id: string, state: TaskState, at: string, reason: string): void {
    const ti = this.task(id);
    this.cancelWork(ti, reason);
    this.setTask(id, state, at, reason, {
      end_date: at,
      start_date: ti.start_date ?? at,
      timer_pending: false,
      next_try_at: null,
    });
  }

  cancelWork(ti: TaskInstance, reason: string): void {
    if (TRY_ACTIVE_STATES.has(ti.state)) {
      this.command({ type: "cancel_try", task_id: ti.task_id, try_number: ti.try_number, reason });
    }
    if (ti.timer_pending) this.command({ type: "cancel_timer", task_id: ti.task_id, try_number: ti.try_number });
  }

  markDirty(id: string): void {
    this.markDirtyAt(this.index(id));
  }

  markDirtyAt(i: number): void {
    if (this.dirtySet.has(i)) return;
    this.dirtySet.add(i);
    this.dirty.push(i);
  }

  popDirty(): string | null {
    const index = this.dirty.pop();
    if (index === null) return null;
    this.dirtySet.delete(index);
    return this.graph.order[index];
  }

  command(cmd: RunCommand): void {
    this.commands.push(cmd);
  }

  startRun(at: string): void {
    this.setRun("running", at);
    this.run.start_date = at;
    this.run.end_date = null;
    this.run.finish_reason = null;
    this.run.message = null;
    this.finished = null;
    if (this.graph.dagrun_timeout !== null) {
      this.command({
        type: "schedule_run_timeout",
        at: new Date(Date.parse(at) + this.graph.dagrun_timeout).toISOString(),
      });
    }
  }

  finishRun(state: "success" | "failed", reason: FinishReason, message: string, at: string): void {
    this.setRun(state, at);
    this.run.end_date = at;
    this.run.finish_reason = reason;
    this.run.message = message;
    this.finished = { state, reason, message, at };
  }

  private setRun(state: DagRunState, _at: string): void {
    if (this.run.state !== state) this.runChanged = true;
    this.run.state = state;
  }

  /** The base tasks with this step's changes (unchanged entries are shared, never mutated). */
  private mergedTasks(): TaskInstance[] {
    if (this.overlay.size === 0) return this.base.tasks;
    const out = this.base.tasks.slice();
    for (const [i, ti] of this.overlay) out[i] = ti;
    return out;
  }

  finish(events: number): ApplyResult {
    const state: RunState = {
      ...this.base,
      state: this.run.state,
      start_date: this.run.start_date,
      end_date: this.run.end_date,
      finish_reason: this.run.finish_reason,
      message: this.run.message,
      tasks: this.mergedTasks(),
      counts: this.counts,
      event_count: this.base.event_count + events,
    };
    const commands: RunCommand[] = [];
    if (this.changes.length > 0 || this.runChanged) {
      commands.push({
        type: "record_states",
        tasks: this.changes,
        run: this.runChanged
          ? {
              state: this.run.state,
              reason: this.run.finish_reason,
              message: this.run.message,
              at: this.finished?.at ?? this.run.start_date ?? "",
            }
          : null,
      });
    }
    commands.push(...this.commands);
    if (this.finished) commands.push({ type: "finish_run", ...this.finished });
    return { state, commands };
  }
}

/** A small binary min-heap of topological indices. */
class MinHeap {
  private readonly items: number[] = [];

  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= a[i]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  pop(): number | null {
    const a = this.items;
    if (a.length === 0) return null;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
