// The DagRun workflow: a thin deterministic shell around the run engine (lib/domain/run).
// It carries ids, states and times only; every try is an activity that records itself in
// PostgreSQL, and what the engine decides without a try is written in one activity call per
// workflow task. Retries are the engine's (Temporal retries are off); retry delays and
// dagrun_timeout are durable timers. See docs/decisions/0010-dagrun-workflow.md.
import {
  ActivityFailure,
  CancellationScope,
  condition,
  continueAsNew,
  defineSignal,
  defineUpdate,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  setHandler,
  TimeoutFailure,
  workflowInfo,
} from "@temporalio/workflow";
import { applyEvents, createRun } from "../lib/domain/run";
import type { RunCommand, RunEvent, RunState, TaskStateChange } from "../lib/domain/run";
import type { Activities } from "../worker/activities";
import {
  DAG_LIMITER,
  HEARTBEAT_TIMEOUT_MS,
  MAX_LOST_TRIES_PER_TASK,
  OPERATE_RUN_UPDATE,
  PAST_DEPS_RECHECK_MS,
  placeTry,
  SLOTS_FREED_SIGNAL,
  SLOTS_PATCH,
  SLOTS_RECHECK_MS,
  slotLimiter,
  TRY_GRACE_MS,
  WORKER_LOST,
  type DagRunCarry,
  type DagRunWorkflowInput,
  type OperateRunInput,
  type OperateRunOutput,
  type PendingTimer,
  type RecordStatesInput,
  type RunPlan,
  type RunTryInput,
  type RunTryOutput,
} from "./dag-run-contract";

// Bookkeeping must not be lost to a database hiccup: retried until it succeeds (past a minute
// the retries become durable timers), so a run waits out an outage instead of failing.
const { loadDagRun, recordStates, checkPastDeps } = proxyLocalActivities<Activities>({
  startToCloseTimeout: "60s",
  retry: { initialInterval: "200ms", backoffCoefficient: 2, maximumInterval: "30s" },
});

/** Histories past this many events continue as new (Temporal's own limit is 51,200). */
const HISTORY_EVENT_BUDGET = 20_000;

const MS = (n: number) => Math.max(1, Math.ceil(n));

/** Clear / mark on a running run (the REST operations); a finished run is re-opened from the database instead. */
export const operateRunUpdate = defineUpdate<OperateRunOutput, [OperateRunInput]>(OPERATE_RUN_UPDATE);
/** Another run ended a try: slots this run waits for may be free. */
export const slotsFreedSignal = defineSignal(SLOTS_FREED_SIGNAL);

export async function dagRunWorkflow(input: DagRunWorkflowInput): Promise<{ state: string }> {
  // Pools and max_active_tasks (see pump below); histories recorded before replay without.
  const slotsOn = patched(SLOTS_PATCH);
  const carry = input.carry;
  const plan: RunPlan = carry?.plan ?? (await loadDagRun(input.dagRunId));
  if (!carry && plan.db_state !== "queued" && plan.db_state !== "running") return { state: plan.db_state };

  // A run with recorded tries (re-opened by a clear or a mark) continues from the database.
  let state: RunState = carry?.state ?? createRun({ dag: plan.dag, run_id: plan.run_id, logical_date: plan.logical_date, ...(plan.restore ? { restore: plan.restore } : {}) });
  let now = Date.parse(carry?.now ?? plan.now);
  const lost: Record<string, number> = { ...(carry?.lost ?? plan.lost ?? {}) };
  const inbox: RunEvent[] = [];
  const running = new Map<string, CancellationScope>();
  /** Tries held back by depends_on_past (in `running`, but their activity has not started). */
  const gated = new Map<string, number>();
  const timers = new Map<string, { scope: CancellationScope; timer: PendingTimer }>();
  const held: { task_id: string; try_number: number }[] = [];
  const endedTries: RecordStatesInput["tries"] = [];
  let finished = false;
  let draining = false;
  let writes: Promise<void> = Promise.resolve();

  const tick = (iso: string) => {
    const t = Date.parse(iso);
    if (t > now) now = t;
  };
  const write = (w: Omit<RecordStatesInput, "dagRunId">) => {
    if (!w.tasks.length && !w.tries.length && !w.run) return;
    // Chained, so the database sees the engine's decisions in order.
    writes = writes.then(() => recordStates({ dagRunId: plan.dagRunId, ...w }));
  };

  const localTry = proxyLocalActivities<Activities>;
  const regularTry = proxyActivities<Activities>;

  /**
   * Slots (pools, max_active_tasks): this run starts at most max_active_tasks tries itself, and
   * each try takes its slots in the database first (runTry with `slots`), where other runs'
   * tries count too. A try that finds none waits here, in the order tries asked. A limiter
   * known to be full (a try was refused by it) gets one probe each time it may have room: when
   * one of this run's own tries in it ends, when another run signals, or on a backoff timer;
   * a probe that finds room more than it needs brings a signal from the activity for the next.
   */
  const waiting: { task_id: string; try_number: number }[] = [];
  const full = new Set<string>();
  /** Tries whose runTry just came back "waiting" (they took no slot, so ending them frees none). */
  const refused = new Set<string>();
  const probes = new Map<string, number>();
  const cap = slotsOn ? (plan.max_active_tasks ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  let recheck: CancellationScope | null = null;
  /** The plan's view of each task: pool, priority weight and sensor mode, which the engine's graph does not carry. */
  const planTask = new Map(plan.dag.tasks.map((t) => [t.task_id, t]));
  const weightOf = (task_id: string) => planTask.get(task_id)!.priority_weight ?? 0;
  /** Sensor tries back from a reschedule: pokes made so far (their timeout and backoff count them). */
  const pokes: Record<string, number> = { ...(carry?.pokes ?? {}) };
  /** Heaviest first (priority_weight); among equals, in the order they asked (`first`: ahead of its equals). */
  const enqueue = (entry: { task_id: string; try_number: number }, first: boolean) => {
    const w = weightOf(entry.task_id);
    const at = waiting.findIndex((x) => (first ? weightOf(x.task_id) <= w : weightOf(x.task_id) < w));
    if (at < 0) waiting.push(entry);
    else waiting.splice(at, 0, entry);
  };
  const limiterOf = (task_id: string) => slotLimiter(planTask.get(task_id)!.pool);
  const cancelRecheck = () => {
    recheck?.cancel();
    recheck = null;
  };
  const active = () => running.size - gated.size;

  const startTry = (task_id: string, try_number: number) => {
    if (draining) {
      held.push({ task_id, try_number });
      return;
    }
    if (!slotsOn) {
      launchTry(task_id, try_number);
      return;
    }
    enqueue({ task_id, try_number }, false);
    pump();
  };

  /** Starts waiting tries in order while this run is under max_active_tasks and their limiters may have room. */
  const pump = () => {
    for (let i = 0; i < waiting.length && active() < cap && !draining; ) {
      const { task_id, try_number } = waiting[i];
      const limiter = limiterOf(task_id);
      const blocked = [DAG_LIMITER, limiter].find((l) => full.has(l) && !(probes.get(l)! > 0));
      if (blocked === DAG_LIMITER) break; // every task counts against the DAG
      if (blocked) {
        i++;
        continue;
      }
      for (const l of [DAG_LIMITER, limiter]) if (full.has(l)) probes.set(l, probes.get(l)! - 1);
      waiting.splice(i, 1);
      launchTry(task_id, try_number);
    }
    if (waiting.length && full.size && !recheck) armRecheck(SLOTS_RECHECK_MS.first);
    if (!waiting.length) cancelRecheck();
  };

  /** Every full limiter gets a probe (a signal, or the backoff timer). */
  const probeAll = () => {
    for (const l of full) probes.set(l, Math.max(1, probes.get(l) ?? 0));
    pump();
  };

  const armRecheck = (wait: number) => {
    const scope = new CancellationScope();
    recheck = scope;
    void scope.run(() => sleep(wait)).then(
      () => {
        if (recheck !== scope) return;
        recheck = null;
        probeAll();
        if (waiting.length && full.size && !recheck) armRecheck(Math.min(SLOTS_RECHECK_MS.max, wait * SLOTS_RECHECK_MS.factor));
      },
      (error: unknown) => {
        if (!isCancellation(error)) throw error;
      },
    );
  };

  /** One of this run's own tries ended: the slots it held are free. */
  const released = (task_id: string) => {
    if (!slotsOn) return;
    for (const l of [DAG_LIMITER, limiterOf(task_id)]) if (full.has(l)) probes.set(l, (probes.get(l) ?? 0) + 1);
    pump();
  };

  const launchTry = (task_id: string, try_number: number) => {
    const task = state.graph.tasks[task_id];
    const sensor = planTask.get(task_id)!.sensor;
    const placement = placeTry(sensor ? { ...task, sensor } : task, plan);
    const made = pokes[`${task_id}#${try_number}`];
    const args: RunTryInput = {
      dagRunId: plan.dagRunId,
      task_id,
      try_number,
      max_tries: state.tasks[task.topo_index].max_tries,
      kind: placement.kind,
      ...(slotsOn ? { slots: true } : {}),
      ...(made ? { pokes: made } : {}),
    };
    const timeout = placement.limit_ms + TRY_GRACE_MS;
    const scope = new CancellationScope();
    running.set(task_id, scope);
    const call = (): Promise<RunTryOutput> =>
      placement.kind === "local"
        ? localTry({ startToCloseTimeout: timeout, retry: { maximumAttempts: 1 } }).runTry(args)
        : regularTry({
            startToCloseTimeout: timeout,
            heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
            retry: { maximumAttempts: 1 },
          }).runTry(args);
    // Scheduled synchronously when nothing holds it back: command order is part of the
    // workflow's history (replay), so an extra await here would change it.
    void scope
      .run(() => (task.depends_on_past ? waitForPast(task_id, try_number).then(call) : call()))
      .then(
        (out: RunTryOutput) => onTryDone(task_id, try_number, out),
        (error: unknown) => onTryError(task_id, try_number, error),
      )
      .finally(() => {
        if (running.get(task_id) === scope) {
          running.delete(task_id);
          // A refused try held nothing (pump arms the recheck timer); any other try's slots are free now.
          if (refused.delete(task_id)) pump();
          else released(task_id);
        }
      });
  };

  /** depends_on_past: the try starts once the previous run's instance allows it (checked again with backoff). */
  const waitForPast = async (task_id: string, try_number: number) => {
    const task = state.graph.tasks[task_id];
    gated.set(task_id, try_number);
    try {
      for (let wait = PAST_DEPS_RECHECK_MS.first; ; wait = Math.min(PAST_DEPS_RECHECK_MS.max, wait * PAST_DEPS_RECHECK_MS.factor)) {
        const check = await checkPastDeps({ dagRunId: plan.dagRunId, task_id, wait_for_downstream: task.wait_for_downstream, downstream: task.downstream });
        if (check.met) return;
        await sleep(wait);
      }
    } finally {
      gated.delete(task_id);
    }
  };

  const onTryDone = (task_id: string, try_number: number, out: RunTryOutput) => {
    tick(out.ended_at);
    const r = out.result;
    if (r.state === "waiting") {
      // No slot: nothing ran. The try waits for one, ahead of tries that asked later.
      full.add(r.blocked);
      probes.delete(r.blocked);
      refused.add(task_id);
      enqueue({ task_id, try_number }, true);
      return;
    }
    if (r.state === "lost") {
      onLost(task_id, try_number, out.ended_at, false);
      return;
    }
    inbox.push({ type: "task_try_started", task_id, try_number, at: out.started_at });
    const key = `${task_id}#${try_number}`;
    if (r.state === "rescheduled") {
      pokes[key] = (pokes[key] ?? 0) + 1;
      inbox.push({ type: "task_try_rescheduled", task_id, try_number, at: out.ended_at, reschedule_at: r.reschedule_at });
      return;
    }
    delete pokes[key];
    if (r.state === "success") {
      inbox.push(r.skip ? { type: "task_try_succeeded", task_id, try_number, at: out.ended_at, skip: r.skip } : { type: "task_try_succeeded", task_id, try_number, at: out.ended_at });
    } else if (r.state === "skipped") {
      inbox.push({ type: "task_try_skipped", task_id, try_number, at: out.ended_at, reason: r.reason });
    } else {
      inbox.push({ type: "task_try_failed", task_id, try_number, at: out.ended_at, error: r.error, retryable: r.retryable });
    }
  };

  const onTryError = (task_id: string, try_number: number, error: unknown) => {
    if (isCancellation(error)) return; // cancel_try: the engine ignores the try from now on
    const at = new Date(now).toISOString();
    const cause = error instanceof ActivityFailure ? error.cause : error;
    if (cause instanceof TimeoutFailure && cause.timeoutType === "HEARTBEAT") {
      onLost(task_id, try_number, at, true);
      return;
    }
    const message =
      cause instanceof TimeoutFailure
        ? "the try did not finish within its time limit"
        : `the try could not run: ${cause instanceof Error ? cause.message : String(cause)}`;
    // The activity could not record its own end: record it here.
    endedTries.push({ task_id, try_number, error: message, at });
    inbox.push({ type: "task_try_failed", task_id, try_number, at, error: message, retryable: true });
  };

  /** The worker-lost rule: the try is recorded failed ("worker lost") and runs again, at most twice per task. */
  const onLost = (task_id: string, try_number: number, at: string, recordHere: boolean) => {
    if (recordHere) endedTries.push({ task_id, try_number, error: WORKER_LOST, at });
    lost[task_id] = (lost[task_id] ?? 0) + 1;
    if (lost[task_id] <= MAX_LOST_TRIES_PER_TASK) inbox.push({ type: "task_try_lost", task_id, try_number, at, reason: WORKER_LOST });
    else inbox.push({ type: "task_try_failed", task_id, try_number, at, error: `${WORKER_LOST} (${lost[task_id]} times)`, retryable: true });
  };

  const armTimer = (timer: PendingTimer) => {
    const key = timer.kind === "run_timeout" ? "__run_timeout" : `${timer.task_id}#${timer.try_number}`;
    timers.get(key)?.scope.cancel();
    const scope = new CancellationScope();
    timers.set(key, { scope, timer });
    void scope
      .run(() => sleep(MS(Date.parse(timer.at) - now)))
      .then(
        () => {
          tick(timer.at);
          if (timer.kind === "run_timeout") inbox.push({ type: "run_timeout", at: timer.at });
          else inbox.push({ type: timer.kind === "retry" ? "retry_timer_fired" : "reschedule_timer_fired", task_id: timer.task_id, try_number: timer.try_number, at: timer.at });
        },
        (error: unknown) => {
          if (!isCancellation(error)) throw error;
        },
      )
      .finally(() => {
        if (timers.get(key)?.scope === scope) timers.delete(key);
      });
  };

  const carryOut = (commands: RunCommand[]) => {
    for (const c of commands) {
      switch (c.type) {
        case "start_try":
          startTry(c.task_id, c.try_number);
          break;
        case "cancel_try": {
          const w = waiting.findIndex((x) => x.task_id === c.task_id);
          if (w >= 0) waiting.splice(w, 1);
          if (running.has(c.task_id)) {
            const started = !gated.has(c.task_id);
            running.get(c.task_id)?.cancel();
            running.delete(c.task_id);
            gated.delete(c.task_id);
            // A cancelled try does not record its own end (see runTry): record it here, unless
            // it never started (held back by depends_on_past).
            if (started) {
              endedTries.push({ task_id: c.task_id, try_number: c.try_number, error: `the try was stopped: ${c.reason}`, at: new Date(now).toISOString() });
              released(c.task_id);
            }
          }
          break;
        }
        case "schedule_retry_timer":
          armTimer({ kind: "retry", task_id: c.task_id, try_number: c.try_number, at: c.at });
          break;
        case "schedule_reschedule_timer":
          armTimer({ kind: "reschedule", task_id: c.task_id, try_number: c.try_number, at: c.at });
          break;
        case "cancel_timer": {
          const key = `${c.task_id}#${c.try_number}`;
          timers.get(key)?.scope.cancel();
          timers.delete(key);
          break;
        }
        case "schedule_run_timeout":
          armTimer({ kind: "run_timeout", task_id: "", try_number: 0, at: c.at });
          break;
        case "record_states":
          write({
            tasks: c.tasks.filter(needsWrite).map((change) => taskWrite(state, change)),
            tries: endedTries.splice(0),
            run: c.run ? { state: c.run.state, at: c.run.at, message: c.run.message } : null,
          });
          break;
        case "finish_run":
          finished = true;
          break;
      }
    }
    if (endedTries.length) write({ tasks: [], tries: endedTries.splice(0), run: null });
  };

  const apply = (events: RunEvent[]) => {
    const result = applyEvents(state, events);
    state = result.state;
    carryOut(result.commands);
  };

  if (carry) {
    for (const t of carry.timers) armTimer(t);
    for (const s of carry.starts) startTry(s.task_id, s.try_number);
  } else if (plan.restore) {
    // A try still running in the database belongs to an execution that is gone: its worker
    // died before the workflow task that started the try completed (a local activity), so
    // this execution starts from the database. The try is lost, not failed: it runs again
    // without using a retry, as a try lost to a heartbeat timeout does.
    for (const [task_id, t] of Object.entries(plan.restore.tasks)) {
      if (t.state === "running") onLost(task_id, t.try_number, plan.now, true);
    }
    apply([...inbox.splice(0), { type: "run_resumed", at: plan.now }]);
  } else {
    apply([{ type: "run_started", at: plan.start_date }]);
  }

  setHandler(slotsFreedSignal, () => {
    if (slotsOn && !draining) probeAll();
  });

  setHandler(
    operateRunUpdate,
    async ({ event }) => {
      tick(event.at);
      const at = new Date(now).toISOString();
      const events: RunEvent[] = [];
      if (event.type === "mark_run" && event.state === "failed") {
        // The engine hears of a try's start only when the try reports; a try that is out now is
        // running, and a run marked failed fails its running tasks (Airflow), not skips them.
        for (const task_id of running.keys()) {
          if (gated.has(task_id)) continue; // held back by depends_on_past: it never started
          const ti = state.tasks[state.graph.tasks[task_id].topo_index];
          if (ti.state === "scheduled" || ti.state === "queued") events.push({ type: "task_try_started", task_id, try_number: ti.try_number, at });
        }
      }
      events.push({ ...event, at });
      const result = applyEvents(state, events);
      state = result.state;
      const changes: OperateRunOutput["changes"] = [];
      for (const c of result.commands) {
        if (c.type !== "record_states") continue;
        for (const t of c.tasks) {
          if (t.cause !== "user") continue;
          changes.push({ task_id: t.task_id, from: t.from, state: t.state, try_number: t.try_number, max_tries: state.tasks[state.graph.tasks[t.task_id].topo_index].max_tries, reason: t.reason });
        }
      }
      carryOut(result.commands);
      await writes; // the caller reads the database next
      return { changes, ignored: result.ignored[0]?.reason ?? null, run_state: state.state };
    },
    {
      validator: ({ event }) => {
        if (finished || draining) throw new Error("the run is not running in this execution");
        const ids: string[] = event.type === "clear_tasks" ? event.task_ids : event.type === "mark_task" ? [event.task_id] : [];
        const unknown = ids.filter((id) => !state.graph.tasks[id]);
        if (unknown.length) throw new Error(`not tasks of this DAG: ${unknown.join(", ")}`);
      },
    },
  );

  while (!finished) {
    await condition(() => finished || inbox.length > 0 || (running.size === 0 && timers.size === 0 && (waiting.length === 0 || draining)));
    if (inbox.length === 0) {
      if (draining) break; // every try is in: continue as new below
      // Nothing out and nothing to wait for: the engine has settled (it detects deadlocks itself).
      break;
    }
    apply(inbox.splice(0));
    const info = workflowInfo();
    if (!finished && !draining && (info.continueAsNewSuggested || info.historyLength > (input.historyBudget ?? HISTORY_EVENT_BUDGET))) {
      // Let running tries finish here; new ones start in the next execution, as do tries
      // still held back by depends_on_past (their wait could last for days).
      draining = true;
      held.push(...waiting.splice(0));
      cancelRecheck();
      for (const [task_id, try_number] of [...gated]) {
        running.get(task_id)?.cancel();
        running.delete(task_id);
        gated.delete(task_id);
        held.push({ task_id, try_number });
      }
    }
    if (draining && running.size === 0 && inbox.length === 0) break;
  }
  await writes;

  if (!finished && draining) {
    const next: DagRunCarry = {
      plan,
      state,
      now: new Date(now).toISOString(),
      lost,
      ...(Object.keys(pokes).length ? { pokes } : {}),
      starts: held,
      timers: [...timers.values()].map((t) => t.timer),
    };
    for (const t of timers.values()) t.scope.cancel();
    await continueAsNew<typeof dagRunWorkflow>({ dagRunId: plan.dagRunId, carry: next, historyBudget: input.historyBudget });
  }
  return { state: state.state };
}

/** Changes a try's activity has already written (its own start and successful end) and transient states are not written again. */
function needsWrite(change: TaskStateChange): boolean {
  if (change.state === "scheduled" || change.state === "queued") return false;
  if (change.cause === "try" && (change.state === "running" || change.state === "success" || change.state === "skipped")) return false;
  return true;
}

function taskWrite(state: RunState, change: TaskStateChange): RecordStatesInput["tasks"][number] {
  const ti = state.tasks[state.graph.tasks[change.task_id].topo_index];
  return {
    task_id: change.task_id,
    state: change.state,
    try_number: change.try_number,
    max_tries: ti.max_tries,
    at: change.at,
    reason: change.reason,
    next_try_at: ti.next_try_at,
    start_date: ti.start_date,
    end_date: ti.end_date,
  };
}
