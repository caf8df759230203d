// Runs one DagRun in this process: walks the pure state machine (lib/domain/run) and
// carries out its commands with the real operators. Used by `windsock dags test`; the
// Temporal workflow is the durable twin of this loop.
import type { DagSpec } from "../domain/dag/spec";
import { applyEvent, createRun } from "../domain/run";
import type { RunCommand, RunEvent, RunState } from "../domain/run";
import type { Clock, HttpClient, TaskLogger, XComStore } from "./ports";
import type { SecretsPorts } from "./secrets/secrets-ports";
import { runTaskTry } from "./run-task-try";
import { tryResultEvent } from "./try-result-event";
import { createWarmTemplateRenderer } from "./templating/warm-template-renderer";
import type { OperatorSettings, RunInfo, TaskTryResult } from "./task-try";

export interface DriverPorts {
  xcom: XComStore;
  http: HttpClient;
  clock: Clock;
  /** The log of one try. */
  logFor(task_id: string, try_number: number): TaskLogger;
  /** Connections and variables for the tasks (dags test: from WINDSOCK_CONN_/WINDSOCK_VAR_). */
  secrets?: SecretsPorts;
}

export interface DriveRunOptions {
  dag: DagSpec;
  run: RunInfo;
  ports: DriverPorts;
  settings?: OperatorSettings;
  /** Start the next try at once instead of waiting out retry_delay (`--no-retry-delay`). */
  noRetryDelay?: boolean;
  /** Tries running at once; default the DAG's max_active_tasks. */
  maxActiveTasks?: number;
  /** Render templates on one warm context for the whole run (default true); scripts always get a fresh runtime. */
  warmTemplates?: boolean;
}

export interface TaskOutcome {
  state: string;
  try_number: number;
  /** Present only when the last successful try returned something. */
  return_value?: unknown;
  /** Summed over tries, in ms. */
  duration_ms: number;
  error?: string;
}

export interface DrivenRun {
  state: RunState;
  tasks: Record<string, TaskOutcome>;
}

type Pending = { kind: "event"; event: RunEvent } | { kind: "try_done"; task_id: string; try_number: number; result: TaskTryResult; started: number };

export async function driveRun(opts: DriveRunOptions): Promise<DrivenRun> {
  const { dag, run, ports } = opts;
  const clock = ports.clock;
  const at = () => new Date(clock.now()).toISOString();
  const limit = Math.max(1, opts.maxActiveTasks ?? dag.max_active_tasks ?? 16);

  const renderer = opts.warmTemplates === false ? undefined : createWarmTemplateRenderer(opts.settings?.sandbox);
  let state = createRun({ dag, run_id: run.run_id, logical_date: run.logical_date });
  const outcomes: Record<string, TaskOutcome> = {};
  for (const id of state.graph.order) outcomes[id] = { state: "none", try_number: 0, duration_ms: 0 };

  const queue: Pending[] = [];
  let wake: (() => void) | undefined;
  const push = (p: Pending) => {
    queue.push(p);
    wake?.();
  };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running = new Map<string, AbortController>();
  const waiting: { task_id: string; try_number: number }[] = [];
  /** Sensors back from a reschedule: their try's first poke and how many pokes it made (key task#try). */
  const pokes = new Map<string, { started_at: number; pokes: number }>();
  let finished = false;

  const startTry = (task_id: string, try_number: number) => {
    const task = dag.tasks.find((t) => t.task_id === task_id)!;
    const controller = new AbortController();
    running.set(`${task_id}#${try_number}`, controller);
    const started = clock.now();
    push({ kind: "event", event: { type: "task_try_started", task_id, try_number, at: at() } });
    void runTaskTry({
      dag,
      task,
      run,
      try_number,
      max_tries: taskState(state, task_id).max_tries,
      ports: { xcom: ports.xcom, http: ports.http, clock, log: ports.logFor(task_id, try_number) },
      settings: opts.settings,
      signal: controller.signal,
      renderer,
      secrets: ports.secrets,
      ...(pokes.has(`${task_id}#${try_number}`) ? { sensor: pokes.get(`${task_id}#${try_number}`) } : {}),
    })
      .catch((error: unknown): TaskTryResult => ({ state: "failed", error: String((error as Error)?.message ?? error), retryable: true }))
      .then((result) => push({ kind: "try_done", task_id, try_number, result, started }));
  };

  const fillSlots = () => {
    while (running.size < limit && waiting.length) {
      const next = waiting.shift()!;
      startTry(next.task_id, next.try_number);
    }
  };

  const carryOut = (commands: RunCommand[]) => {
    for (const c of commands) {
      switch (c.type) {
        case "start_try":
          waiting.push({ task_id: c.task_id, try_number: c.try_number });
          break;
        case "cancel_try":
          running.get(`${c.task_id}#${c.try_number}`)?.abort(new Error(c.reason));
          break;
        case "schedule_retry_timer":
        case "schedule_reschedule_timer": {
          const type = c.type === "schedule_retry_timer" ? "retry_timer_fired" : "reschedule_timer_fired";
          const delay = opts.noRetryDelay && type === "retry_timer_fired" ? 0 : Math.max(0, Date.parse(c.at) - clock.now());
          const key = `${c.task_id}#${c.try_number}`;
          timers.set(
            key,
            setTimeout(() => {
              timers.delete(key);
              push({ kind: "event", event: { type, task_id: c.task_id, try_number: c.try_number, at: at() } });
            }, delay),
          );
          break;
        }
        case "cancel_timer": {
          const key = `${c.task_id}#${c.try_number}`;
          clearTimeout(timers.get(key));
          timers.delete(key);
          break;
        }
        case "schedule_run_timeout": {
          const delay = Math.max(0, Date.parse(c.at) - clock.now());
          timers.set("__run_timeout", setTimeout(() => push({ kind: "event", event: { type: "run_timeout", at: at() } }), delay));
          break;
        }
        case "finish_run":
          finished = true;
          break;
        case "record_states":
          for (const change of c.tasks) {
            const o = outcomes[change.task_id];
            o.state = change.state;
            o.try_number = Math.max(o.try_number, change.try_number);
          }
          break;
      }
    }
    fillSlots();
  };

  const apply = (event: RunEvent) => {
    const result = applyEvent(state, event);
    state = result.state;
    carryOut(result.commands);
  };

  apply({ type: "run_started", at: at() });
  try {
    while (!finished) {
      if (!queue.length) {
        if (!running.size && !timers.size && !waiting.length) break; // nothing can happen any more
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const item = queue.shift()!;
      if (item.kind === "event") {
        apply(item.event);
        continue;
      }
      const key = `${item.task_id}#${item.try_number}`;
      running.delete(key);
      if (item.result.state === "rescheduled") {
        const before = pokes.get(key);
        pokes.set(key, { started_at: before?.started_at ?? item.started, pokes: (before?.pokes ?? 0) + 1 });
      } else pokes.delete(key);
      const o = outcomes[item.task_id];
      o.duration_ms += clock.now() - item.started;
      apply(tryResultEvent(state.graph, item.task_id, item.try_number, item.result, at()));
      if (item.result.state === "success") {
        if (item.result.return_value !== undefined) o.return_value = item.result.return_value;
        else delete o.return_value;
      } else if (item.result.state === "failed") o.error = item.result.error;
    }
  } finally {
    for (const t of timers.values()) clearTimeout(t);
    for (const c of running.values()) c.abort(new Error("the run ended"));
    renderer?.dispose();
  }
  for (const ti of state.tasks) {
    const o = outcomes[ti.task_id];
    o.state = ti.state;
    o.try_number = ti.try_number;
    if (ti.state !== "success") delete o.return_value;
    if (ti.state === "success" || ti.state === "skipped") delete o.error;
  }
  return { state, tasks: outcomes };
}

export function taskState(state: RunState, task_id: string) {
  return state.tasks[state.graph.tasks[task_id].topo_index];
}
