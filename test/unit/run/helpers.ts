// Builders for engine tests: a DAG from a compact description, and a driver that runs every
// start_try to an outcome chosen by the test, carrying out timers at once.
import { applyEvent, createRun, getTaskInstance } from "../../../lib/domain/run";
import type { RunCommand, RunDag, RunEvent, RunState, RunTask, TaskInstance } from "../../../lib/domain/run";

export const T0 = "2026-01-01T00:00:00.000Z";

export function task(task_id: string, upstream: string[] = [], extra: Partial<RunTask> = {}): RunTask {
  return {
    task_id,
    upstream,
    trigger_rule: "all_success",
    retries: 0,
    retry_delay: 300_000,
    retry_exponential_backoff: 0,
    max_retry_delay: null,
    execution_timeout: null,
    operator: "script",
    ...extra,
  };
}

export function dag(tasks: RunTask[], extra: Partial<RunDag> = {}): RunDag {
  return { dag_id: "test_dag", tasks, dagrun_timeout: null, ...extra };
}

export function newRun(tasks: RunTask[], extra: Partial<RunDag> = {}): RunState {
  return createRun({ dag: dag(tasks, extra), run_id: "manual__2026-01-01T00:00:00+00:00", logical_date: T0 });
}

/** Applies events in order, collecting every command. */
export function applyAll(state: RunState, events: RunEvent[]): { state: RunState; commands: RunCommand[] } {
  const commands: RunCommand[] = [];
  for (const e of events) {
    const r = applyEvent(state, e);
    state = r.state;
    commands.push(...r.commands);
  }
  return { state, commands };
}

export type Outcome =
  | { kind: "success"; skip?: string[] | "all_downstream" }
  | { kind: "failed"; retryable?: boolean }
  | { kind: "skipped" };

/**
 * Runs the run to completion: every started try gets the outcome `decide` returns, timers fire
 * at once. Time advances one second per event. Returns the final state and the event log.
 */
export function drive(
  state: RunState,
  decide: (taskId: string, tryNumber: number) => Outcome,
  maxEvents = 10_000,
): { state: RunState; events: RunEvent[]; commands: RunCommand[] } {
  const events: RunEvent[] = [];
  const all: RunCommand[] = [];
  let clock = Date.parse(T0);
  const now = () => new Date((clock += 1000)).toISOString();
  const queue: RunEvent[] = [{ type: "run_started", at: now() }];
  while (queue.length > 0) {
    if (events.length >= maxEvents) throw new Error("drive: too many events");
    const e = queue.shift()!;
    events.push(e);
    const r = applyEvent(state, e);
    state = r.state;
    all.push(...r.commands);
    for (const c of r.commands) {
      if (c.type === "start_try") {
        const o = decide(c.task_id, c.try_number);
        queue.push({ type: "task_try_started", task_id: c.task_id, try_number: c.try_number, at: now() });
        if (o.kind === "success") {
          queue.push({ type: "task_try_succeeded", task_id: c.task_id, try_number: c.try_number, at: now(), skip: o.skip });
        } else if (o.kind === "failed") {
          queue.push({
            type: "task_try_failed",
            task_id: c.task_id,
            try_number: c.try_number,
            at: now(),
            error: "boom",
            retryable: o.retryable,
          });
        } else {
          queue.push({ type: "task_try_skipped", task_id: c.task_id, try_number: c.try_number, at: now() });
        }
      } else if (c.type === "schedule_retry_timer") {
        queue.push({ type: "retry_timer_fired", task_id: c.task_id, try_number: c.try_number, at: c.at });
      }
    }
  }
  return { state, events, commands: all };
}

export function states(state: RunState): Record<string, string> {
  return Object.fromEntries(state.tasks.map((t) => [t.task_id, t.state]));
}

/** The task instance of `taskId`; fails the test when there is none. */
export function ti(state: RunState, taskId: string): TaskInstance {
  const t = getTaskInstance(state, taskId);
  if (!t) throw new Error(`no task ${taskId}`);
  return t;
}
