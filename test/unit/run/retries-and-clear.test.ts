// Retries with Airflow's timing, clearing with a fresh budget, marking, and stale events.
import { describe, expect, it } from "vitest";
import { applyEvent, nextRetryDatetime } from "../../../lib/domain/run";
import type { RunCommand } from "../../../lib/domain/run";
import { applyAll, drive, newRun, states, T0, task, ti } from "./helpers";

const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
const starts = (commands: RunCommand[]) =>
  commands.filter((c) => c.type === "start_try").map((c) => `${c.task_id}#${c.try_number}`);

describe("retries", () => {
  it("retries after retry_delay, counting tries, and succeeds on the third", () => {
    const run = newRun([task("flaky", [], { retries: 2, retry_delay: 60_000 }), task("next", ["flaky"])]);
    const { state, commands } = drive(run, (id, n) => (id === "flaky" && n < 3 ? { kind: "failed" } : { kind: "success" }));
    expect(starts(commands)).toEqual(["flaky#1", "flaky#2", "flaky#3", "next#1"]);
    expect(ti(state, "flaky")).toMatchObject({ state: "success", try_number: 3 });
    expect(state.state).toBe("success");
  });

  it("schedules the retry timer at end of the failed try + retry_delay", () => {
    const run = newRun([task("t", [], { retries: 1, retry_delay: 300_000 })]);
    const { state } = applyAll(run, [
      { type: "run_started", at: at(0) },
      { type: "task_try_started", task_id: "t", try_number: 1, at: at(1) },
    ]);
    const r = applyEvent(state, { type: "task_try_failed", task_id: "t", try_number: 1, at: at(10), error: "HTTP 503" });
    expect(ti(r.state, "t")).toMatchObject({ state: "up_for_retry", next_try_at: at(310), timer_pending: true });
    expect(ti(r.state, "t").reason).toBe(`Try 1 failed: HTTP 503. Retrying at ${at(310)} (try 2 of 2).`);
    expect(r.commands).toContainEqual({ type: "schedule_retry_timer", task_id: "t", try_number: 1, at: at(310) });
    expect(r.state.state).toBe("running");
    // Nothing starts before the timer fires.
    expect(starts(r.commands)).toEqual([]);
    const fired = applyEvent(r.state, { type: "retry_timer_fired", task_id: "t", try_number: 1, at: at(310) });
    expect(starts(fired.commands)).toEqual(["t#2"]);
  });

  it("uses Airflow's exponential backoff with jitter", () => {
    const t = task("t", [], { retries: 5, retry_delay: 10_000, retry_exponential_backoff: true, max_retry_delay: 3_600_000 });
    const run = newRun([t]);
    const { state } = applyAll(run, [
      { type: "run_started", at: at(0) },
      { type: "task_try_failed", task_id: "t", try_number: 1, at: at(5), error: "x" },
      { type: "retry_timer_fired", task_id: "t", try_number: 1, at: at(100) },
    ]);
    const r = applyEvent(state, { type: "task_try_failed", task_id: "t", try_number: 2, at: at(200), error: "x" });
    const expected = nextRetryDatetime(t, { dag_id: "test_dag", task_id: "t", logical_date: T0, try_number: 2 }, at(200));
    expect(ti(r.state, "t").next_try_at).toBe(expected);
    const waited = (Date.parse(expected) - Date.parse(at(200))) / 1000;
    expect(waited).toBeGreaterThanOrEqual(20);
    expect(waited).toBeLessThan(40);
  });

  it("fails for good when the retries are used up", () => {
    const run = newRun([task("t", [], { retries: 1 })]);
    const { state, commands } = drive(run, () => ({ kind: "failed" }));
    expect(starts(commands)).toEqual(["t#1", "t#2"]);
    expect(ti(state, "t").state).toBe("failed");
    expect(ti(state, "t").reason).toBe("Try 2 failed; no retries left (2 tries of 2): boom");
  });

  it("does not retry a non-retryable failure", () => {
    const { state, commands } = drive(newRun([task("t", [], { retries: 3 })]), () => ({ kind: "failed", retryable: false }));
    expect(starts(commands)).toEqual(["t#1"]);
    expect(ti(state, "t").reason).toContain("not retryable");
  });

  it("passes execution_timeout to the driver with each try", () => {
    const r = applyEvent(newRun([task("t", [], { execution_timeout: 30_000, operator: "http" })]), { type: "run_started", at: at(0) });
    expect(r.commands).toContainEqual({ type: "start_try", task_id: "t", try_number: 1, operator: "http", execution_timeout: 30_000 });
  });
});

describe("clear_tasks", () => {
  const failedRun = () =>
    drive(newRun([task("a", [], { retries: 1 }), task("b", ["a"]), task("c", ["b"])]), () => ({ kind: "failed" })).state;

  it("gives a fresh retry budget while the try number keeps counting", () => {
    const state = failedRun();
    expect(ti(state, "a")).toMatchObject({ state: "failed", try_number: 2, max_tries: 1 });
    const r = applyEvent(state, { type: "clear_tasks", task_ids: ["a"], at: at(100) });
    expect(r.state.state).toBe("running");
    expect(ti(r.state, "a")).toMatchObject({ state: "scheduled", try_number: 3, max_tries: 3 });
    expect(starts(r.commands)).toEqual(["a#3"]);
    // Try 3 fails: the fresh budget allows try 4.
    const f = applyEvent(r.state, { type: "task_try_failed", task_id: "a", try_number: 3, at: at(110), error: "x" });
    expect(ti(f.state, "a").state).toBe("up_for_retry");
  });

  it("re-opens a finished run and re-runs the downstream with include_downstream", () => {
    const state = failedRun();
    expect(states(state)).toEqual({ a: "failed", b: "upstream_failed", c: "upstream_failed" });
    const r = applyEvent(state, { type: "clear_tasks", task_ids: ["a"], include_downstream: true, at: at(100) });
    expect(r.commands[0]).toMatchObject({ type: "record_states", run: { state: "running" } });
    expect(states(r.state)).toEqual({ a: "scheduled", b: "none", c: "none" });
    const done = applyAll(r.state, [
      { type: "task_try_succeeded", task_id: "a", try_number: 3, at: at(101) },
      { type: "task_try_succeeded", task_id: "b", try_number: 1, at: at(102) },
      { type: "task_try_succeeded", task_id: "c", try_number: 1, at: at(103) },
    ]).state;
    expect(done).toMatchObject({ state: "success", start_date: at(100), end_date: at(103) });
  });

  it("with only_failed clears just the failed ones of the selection", () => {
    const run = newRun([task("ok"), task("bad"), task("after", ["ok", "bad"])]);
    const state = drive(run, (id) => (id === "bad" ? { kind: "failed" } : { kind: "success" })).state;
    const r = applyEvent(state, {
      type: "clear_tasks",
      task_ids: ["ok", "bad"],
      include_downstream: true,
      only_failed: true,
      at: at(100),
    });
    expect(states(r.state)).toEqual({ ok: "success", bad: "scheduled", after: "none" });
  });

  it("clearing a running task cancels its try and starts a new one; the old try's report is ignored", () => {
    const { state } = applyAll(newRun([task("a")]), [
      { type: "run_started", at: at(0) },
      { type: "task_try_started", task_id: "a", try_number: 1, at: at(1) },
    ]);
    const r = applyEvent(state, { type: "clear_tasks", task_ids: ["a"], at: at(2) });
    expect(r.commands).toContainEqual({ type: "cancel_try", task_id: "a", try_number: 1, reason: "the task was cleared" });
    expect(starts(r.commands)).toEqual(["a#2"]);
    const stale = applyEvent(r.state, { type: "task_try_failed", task_id: "a", try_number: 1, at: at(3), error: "killed" });
    expect(stale.ignored).toMatch(/for try 1/);
    expect(stale.commands).toEqual([]);
    expect(stale.state.tasks).toEqual(r.state.tasks);
  });

  it("re-applies a branch's skip when a skipped task is cleared without its branch", () => {
    const run = newRun([task("choose", [], { operator: "branch" }), task("x", ["choose"]), task("y", ["choose"])]);
    const state = drive(run, (id) => (id === "choose" ? { kind: "success", skip: ["y"] } : { kind: "success" })).state;
    const r = applyEvent(state, { type: "clear_tasks", task_ids: ["y"], at: at(100) });
    expect(ti(r.state, "y").state).toBe("skipped");
    expect(ti(r.state, "y").reason).toBe("Skipped: upstream 'choose' chose to skip this task.");
    expect(r.state.state).toBe("success");
  });

  it("rejects unknown task ids with a clear message", () => {
    expect(() => applyEvent(failedRun(), { type: "clear_tasks", task_ids: ["nope"], at: at(1) })).toThrow(
      "'nope' is not a task of DAG 'test_dag'.",
    );
  });
});

describe("mark_task", () => {
  it("marking a failed task success mid-run clears and unblocks its downstream", () => {
    const run = newRun([task("a"), task("b", ["a"]), task("slow")]);
    const { state } = applyAll(run, [
      { type: "run_started", at: at(0) },
      { type: "task_try_failed", task_id: "a", try_number: 1, at: at(1), error: "x" },
    ]);
    expect(states(state)).toMatchObject({ a: "failed", b: "upstream_failed", slow: "scheduled" });
    const r = applyEvent(state, { type: "mark_task", task_id: "a", state: "success", at: at(2) });
    expect(states(r.state)).toMatchObject({ a: "success", b: "scheduled" });
    expect(ti(r.state, "a").reason).toBe(`Marked success by a user at ${at(2)}.`);
    expect(starts(r.commands)).toEqual(["b#1"]);
    // What the user did, and what the engine then decided, are told apart for the audit trail.
    expect(r.commands[0]).toMatchObject({
      type: "record_states",
      tasks: [
        { task_id: "a", from: "failed", state: "success", cause: "user" },
        { task_id: "b", from: "upstream_failed", state: "none", cause: "user" },
        { task_id: "b", from: "none", state: "scheduled", cause: "engine" },
      ],
    });
  });

  it("marking a running task failed cancels its try and fails its downstream", () => {
    const { state } = applyAll(newRun([task("a"), task("b", ["a"])]), [
      { type: "run_started", at: at(0) },
      { type: "task_try_started", task_id: "a", try_number: 1, at: at(1) },
    ]);
    const r = applyEvent(state, { type: "mark_task", task_id: "a", state: "failed", at: at(2) });
    expect(r.commands).toContainEqual(expect.objectContaining({ type: "cancel_try", task_id: "a", try_number: 1 }));
    expect(states(r.state)).toEqual({ a: "failed", b: "upstream_failed" });
    expect(r.state.state).toBe("failed");
  });

  it("marking a task up for retry success cancels its retry timer", () => {
    const { state } = applyAll(newRun([task("a", [], { retries: 3 })]), [
      { type: "run_started", at: at(0) },
      { type: "task_try_failed", task_id: "a", try_number: 1, at: at(1), error: "x" },
    ]);
    const r = applyEvent(state, { type: "mark_task", task_id: "a", state: "success", at: at(2) });
    expect(r.commands).toContainEqual({ type: "cancel_timer", task_id: "a", try_number: 1 });
    expect(r.state.state).toBe("success");
    expect(applyEvent(r.state, { type: "retry_timer_fired", task_id: "a", try_number: 1, at: at(400) }).ignored).toBeDefined();
  });
});

describe("sensors in reschedule mode", () => {
  it("keep their try number across reschedules", () => {
    const { state, commands } = applyAll(newRun([task("wait", [], { operator: "http_sensor" })]), [
      { type: "run_started", at: at(0) },
      { type: "task_try_started", task_id: "wait", try_number: 1, at: at(1) },
      { type: "task_try_rescheduled", task_id: "wait", try_number: 1, at: at(2), reschedule_at: at(62) },
    ]);
    expect(ti(state, "wait")).toMatchObject({ state: "up_for_reschedule", next_try_at: at(62) });
    expect(commands).toContainEqual({ type: "schedule_reschedule_timer", task_id: "wait", try_number: 1, at: at(62) });
    const r = applyEvent(state, { type: "reschedule_timer_fired", task_id: "wait", try_number: 1, at: at(62) });
    expect(starts(r.commands)).toEqual(["wait#1"]);
  });
});
