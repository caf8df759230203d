// Property tests over random DAGs, random try outcomes, random completion orders and random
// operator actions (clear, mark): the run always ends, no task starts before its trigger rule
// allows, record_states tells the database exactly the final states, and replay is exact.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  applyEvents,
  createRun,
  evaluateTriggerRule,
  FAILED_STATES,
  FINISHED_STATES,
  SUCCESS_STATES,
  TRIGGER_RULES,
} from "../../../lib/domain/run";
import type { RunEvent, RunState, RunTask } from "../../../lib/domain/run";
import { dag, T0, task, ti } from "./helpers";

type Outcome = "success" | "fail" | "fatal" | "skip" | "branch_some" | "short_all";

const arbDag = fc
  .integer({ min: 1, max: 10 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          upstream: fc.subarray(Array.from({ length: i }, (_, j) => `t${j}`)),
          trigger_rule: fc.constantFrom(...TRIGGER_RULES),
          retries: fc.integer({ min: 0, max: 2 }),
          outcomes: fc.array(fc.constantFrom<Outcome>("success", "success", "fail", "fatal", "skip", "branch_some", "short_all"), {
            minLength: 6,
            maxLength: 6,
          }),
        }),
      ),
    ),
  )
  .map((specs) =>
    specs.map((s, i) => ({
      task: task(`t${i}`, s.upstream, { trigger_rule: s.trigger_rule, retries: s.retries, retry_delay: 1000 }),
      outcomes: s.outcomes,
    })),
  );

const arbActions = fc.array(
  fc.record({
    after: fc.integer({ min: 0, max: 40 }),
    kind: fc.constantFrom("clear", "clear_down", "mark_success", "mark_failed", "mark_run_success", "cancel_run"),
    task: fc.nat(),
  }),
  { maxLength: 3 },
);

interface Simulation {
  final: RunState;
  log: RunEvent[][];
  violations: string[];
  recorded: Record<string, string>;
}

/** Drives a run with completions in the order `choices` picks, checking invariants per step. */
function simulate(
  spec: { task: RunTask; outcomes: Outcome[] }[],
  choices: number[],
  actions: { after: number; kind: string; task: number }[],
  batch = 1,
): Simulation {
  let state = createRun({ dag: dag(spec.map((s) => s.task)), run_id: "r", logical_date: T0 });
  const outcomes = new Map(spec.map((s) => [s.task.task_id, s.outcomes]));
  const log: RunEvent[][] = [];
  const violations: string[] = [];
  const recorded: Record<string, string> = Object.fromEntries(spec.map((s) => [s.task.task_id, "none"]));
  let clock = Date.parse(T0);
  const now = () => new Date((clock += 1000)).toISOString();
  const pending: RunEvent[] = [];
  let step = 0;
  const pendingActions = [...actions].sort((a, b) => a.after - b.after);

  const apply = (e: RunEvent | RunEvent[]) => {
    const events = Array.isArray(e) ? e : [e];
    log.push(events);
    // Replay through a JSON round trip must give the same result (Temporal carries JSON).
    const run = (s: RunState) => (events.length === 1 ? applyEvent(s, events[0]) : applyEvents(s, events));
    const viaJson = run(JSON.parse(JSON.stringify(state)) as RunState);
    const r = run(state);
    if (JSON.stringify(viaJson) !== JSON.stringify(r)) violations.push(`JSON round trip differs at step ${log.length}`);
    state = r.state;
    for (const c of r.commands) {
      if (c.type === "record_states") for (const ch of c.tasks) recorded[ch.task_id] = ch.state;
      if (c.type === "start_try") {
        const t = state.graph.tasks[c.task_id];
        const d = evaluateTriggerRule(
          t.trigger_rule,
          t.upstream.map((u) => ({ task_id: u, state: ti(state, u).state })),
        );
        if (d.new_state !== null || !d.passed) violations.push(`${c.task_id} started while: ${d.reason}`);
        const o = outcomes.get(c.task_id)![Math.min(c.try_number, 6) - 1];
        const base = { task_id: c.task_id, try_number: c.try_number };
        if (o === "success") pending.push({ type: "task_try_succeeded", ...base, at: "" });
        else if (o === "fail") pending.push({ type: "task_try_failed", ...base, at: "", error: "e" });
        else if (o === "fatal") pending.push({ type: "task_try_failed", ...base, at: "", error: "e", retryable: false });
        else if (o === "skip") pending.push({ type: "task_try_skipped", ...base, at: "" });
        else if (o === "short_all") pending.push({ type: "task_try_succeeded", ...base, at: "", skip: "all_downstream" });
        else {
          const down = state.graph.tasks[c.task_id].downstream;
          pending.push({ type: "task_try_succeeded", ...base, at: "", skip: down.filter((_, i) => i % 2 === 0) });
        }
      }
      if (c.type === "schedule_retry_timer") pending.push({ type: "retry_timer_fired", task_id: c.task_id, try_number: c.try_number, at: "" });
      if (c.type === "cancel_try") {
        // A cancelled try may still report (a race); the engine must ignore it. Keep it pending.
      }
    }
  };

  apply({ type: "run_started", at: now() });
  while (pending.length > 0 || pendingActions.length > 0) {
    if (step > 2000) {
      violations.push("did not terminate");
      break;
    }
    if (pendingActions.length > 0 && (pendingActions[0].after <= step || pending.length === 0)) {
      const a = pendingActions.shift()!;
      const id = `t${a.task % spec.length}`;
      if (a.kind === "clear") apply({ type: "clear_tasks", task_ids: [id], at: now() });
      else if (a.kind === "clear_down") apply({ type: "clear_tasks", task_ids: [id], include_downstream: true, at: now() });
      else if (a.kind === "mark_run_success") apply({ type: "mark_run", state: "success", at: now() });
      else if (a.kind === "cancel_run") apply({ type: "cancel_run", at: now() });
      else apply({ type: "mark_task", task_id: id, state: a.kind === "mark_success" ? "success" : "failed", at: now() });
      continue;
    }
    const k = choices.length ? choices[step % choices.length] % pending.length : 0;
    if (batch > 1) {
      // Several completions arriving together (one Temporal workflow task).
      const taken = pending.splice(k, batch);
      const at = now();
      apply(taken.map((e) => ({ ...e, at }) as RunEvent));
    } else {
      const [e] = pending.splice(k, 1);
      apply({ ...e, at: now() } as RunEvent);
    }
    step++;
  }
  return { final: state, log, violations, recorded };
}

describe("engine properties", () => {
  it("every run ends with every task finished, no early starts, and record_states matching the state", () => {
    fc.assert(
      fc.property(arbDag, fc.array(fc.nat(), { maxLength: 30 }), arbActions, fc.integer({ min: 1, max: 3 }), (spec, choices, actions, batch) => {
        const sim = simulate(spec, choices, actions, batch);
        expect(sim.violations).toEqual([]);
        const { final } = sim;
        expect(["success", "failed"]).toContain(final.state);
        for (const t of final.tasks) {
          expect(FINISHED_STATES.has(t.state), `${t.task_id} is ${t.state}`).toBe(true);
          expect(t.timer_pending).toBe(false);
        }
        expect(sim.recorded).toEqual(Object.fromEntries(final.tasks.map((t) => [t.task_id, t.state])));
        // Like Airflow, marking a task of a finished run leaves the run's state alone unless it
        // clears something downstream; so the leaf rule is only checked for runs nobody marked.
        if (actions.some((a) => a.kind.startsWith("mark") || a.kind === "cancel_run")) return;
        const leaves = final.graph.leaves.map((id) => ti(final, id).state);
        if (final.state === "success") expect(leaves.every((s) => SUCCESS_STATES.has(s))).toBe(true);
        if (final.finish_reason === "task_failure") expect(leaves.some((s) => FAILED_STATES.has(s))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("replaying the same events from the start gives the same state, twice", () => {
    fc.assert(
      fc.property(arbDag, fc.array(fc.nat(), { maxLength: 30 }), arbActions, fc.integer({ min: 1, max: 3 }), (spec, choices, actions, batch) => {
        const { final, log } = simulate(spec, choices, actions, batch);
        const replay = () => {
          let s = createRun({ dag: dag(spec.map((x) => x.task)), run_id: "r", logical_date: T0 });
          const commands: unknown[] = [];
          for (const events of log) {
            const r = events.length === 1 ? applyEvent(s, events[0]) : applyEvents(s, events);
            s = r.state;
            commands.push(r.commands);
          }
          return { s, commands };
        };
        const first = replay();
        const second = replay();
        expect(first.s).toEqual(final);
        expect(second).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it("never mutates the state it is given", () => {
    fc.assert(
      fc.property(arbDag, fc.array(fc.nat(), { maxLength: 10 }), (spec, choices) => {
        const { log } = simulate(spec, choices, []);
        let s = createRun({ dag: dag(spec.map((x) => x.task)), run_id: "r", logical_date: T0 });
        for (const [e] of log) {
          const before = JSON.stringify(s);
          const next = applyEvent(s, e).state;
          expect(JSON.stringify(s)).toBe(before);
          s = next;
        }
      }),
      { numRuns: 100 },
    );
  });
});
