// The DagRun's own state: from its leaves (DagRun.update_state), deadlock, dagrun_timeout, cancel.
import { describe, expect, it } from "vitest";
import { applyEvent, applyEvents, createRun, explainTask } from "../../../lib/domain/run";
import { applyAll, dag, drive, newRun, states, T0, task, ti } from "./helpers";

const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

describe("run state from leaf tasks", () => {
  it("fails when a leaf fails, after every task has finished", () => {
    const run = newRun([task("a"), task("b", ["a"]), task("other")]);
    const { state, commands } = drive(run, (id) => (id === "a" ? { kind: "failed" } : { kind: "success" }));
    expect(states(state)).toEqual({ a: "failed", b: "upstream_failed", other: "success" });
    expect(state).toMatchObject({ state: "failed", finish_reason: "task_failure" });
    expect(state.message).toContain("'b' (upstream_failed)");
    expect(commands.filter((c) => c.type === "finish_run")).toHaveLength(1);
  });

  it("succeeds when a failure is handled by an all_done leaf (Airflow judges leaves only)", () => {
    const run = newRun([task("a"), task("cleanup", ["a"], { trigger_rule: "all_done" })]);
    const { state } = drive(run, (id) => (id === "a" ? { kind: "failed" } : { kind: "success" }));
    expect(states(state)).toEqual({ a: "failed", cleanup: "success" });
    expect(state.state).toBe("success");
  });

  it("runs a one_failed alert only when something failed, and skips it otherwise", () => {
    const tasks = [task("a"), task("b"), task("alert", ["a", "b"], { trigger_rule: "one_failed" })];
    const failed = drive(newRun(tasks), (id) => (id === "b" ? { kind: "failed" } : { kind: "success" })).state;
    expect(ti(failed, "alert").state).toBe("success");
    expect(failed.state).toBe("success");
    const fine = drive(newRun(tasks), () => ({ kind: "success" })).state;
    expect(ti(fine, "alert").state).toBe("skipped");
  });

  it("keeps the run running while a try is out and finishes it in the same step as the last task", () => {
    const { state } = applyAll(newRun([task("a")]), [{ type: "run_started", at: at(0) }]);
    expect(state.state).toBe("running");
    const r = applyEvent(state, { type: "task_try_succeeded", task_id: "a", try_number: 1, at: at(5) });
    expect(r.state).toMatchObject({ state: "success", end_date: at(5), start_date: at(0) });
    expect(r.commands[0]).toMatchObject({ type: "record_states", run: { state: "success", reason: "success" } });
    expect(r.commands.at(-1)).toEqual({
      type: "finish_run",
      state: "success",
      reason: "success",
      message: "Every leaf task succeeded or was skipped.",
      at: at(5),
    });
  });

  it("succeeds at once for a DAG without tasks", () => {
    const r = applyEvent(newRun([]), { type: "run_started", at: at(0) });
    expect(r.state.state).toBe("success");
  });
});

describe("deadlock", () => {
  it("fails the run when unfinished tasks can never run, and says why", () => {
    // A task restored from the database whose upstream was removed from the DAG version:
    // all_failed counts the removed upstream as a non-failure and can never pass.
    const run = createRun({
      dag: dag([task("gone"), task("t", ["gone"], { trigger_rule: "all_failed" })]),
      run_id: "r",
      logical_date: T0,
      restore: { state: "queued", start_date: null, end_date: null, tasks: { gone: { state: "removed", try_number: 0 } } },
    });
    const r = applyEvent(run, { type: "run_started", at: at(0) });
    expect(r.state).toMatchObject({ state: "failed", finish_reason: "deadlock" });
    expect(r.state.message).toMatch(/^Deadlock: 1 task\(s\) can never run/);
    expect(r.state.message).toContain("gone=removed");
    expect(ti(r.state, "t").state).toBe("none");
    expect(explainTask(r.state, "t")).toMatch(/^The run deadlocked\. Waiting: trigger rule 'all_failed'/);
  });
});

describe("dagrun_timeout", () => {
  const tasks = [task("slow"), task("after", ["slow"]), task("quick")];

  it("asks for a timer at start + timeout, then fails the run and skips what is unfinished", () => {
    const run = newRun(tasks, { dagrun_timeout: 3_600_000 });
    const started = applyEvent(run, { type: "run_started", at: at(0) });
    expect(started.commands).toContainEqual({ type: "schedule_run_timeout", at: at(3600) });
    const { state } = applyAll(started.state, [
      { type: "task_try_started", task_id: "slow", try_number: 1, at: at(1) },
      { type: "task_try_succeeded", task_id: "quick", try_number: 1, at: at(2) },
    ]);
    const r = applyEvent(state, { type: "run_timeout", at: at(3600) });
    expect(states(r.state)).toEqual({ slow: "skipped", after: "skipped", quick: "success" });
    expect(r.state).toMatchObject({ state: "failed", finish_reason: "dagrun_timeout" });
    expect(r.commands).toContainEqual({ type: "cancel_try", task_id: "slow", try_number: 1, reason: expect.stringContaining("dagrun_timeout of 1 h") });
    // A late report of the cancelled try changes nothing.
    const late = applyEvent(r.state, { type: "task_try_succeeded", task_id: "slow", try_number: 1, at: at(3601) });
    expect(late.ignored).toBeDefined();
    expect(ti(late.state, "slow").state).toBe("skipped");
  });

  it("ignores a timeout timer from before the run was re-opened", () => {
    const run = newRun([task("a")], { dagrun_timeout: 60_000 });
    const { state } = applyAll(run, [
      { type: "run_started", at: at(0) },
      { type: "task_try_failed", task_id: "a", try_number: 1, at: at(10), error: "x" },
      { type: "clear_tasks", task_ids: ["a"], at: at(30) },
    ]);
    const r = applyEvent(state, { type: "run_timeout", at: at(60) });
    expect(r.ignored).toMatch(/earlier start/);
    expect(applyEvent(state, { type: "run_timeout", at: at(90) }).state.state).toBe("failed");
  });
});

describe("cancel_run", () => {
  it("fails running tries, skips pending tasks and fails the run (set_dag_run_state_to_failed)", () => {
    const run = newRun([task("a"), task("b"), task("c", ["a"])]);
    const { state } = applyAll(run, [
      { type: "run_started", at: at(0) },
      { type: "task_try_started", task_id: "a", try_number: 1, at: at(1) },
    ]);
    const r = applyEvent(state, { type: "cancel_run", at: at(2), reason: "cancelled by alice" });
    expect(states(r.state)).toEqual({ a: "failed", b: "skipped", c: "skipped" });
    expect(r.state).toMatchObject({ state: "failed", finish_reason: "cancelled" });
    const cancels = r.commands.filter((c) => c.type === "cancel_try").map((c) => c.task_id);
    expect(cancels).toEqual(["a", "b"]);
    expect(r.commands.at(-1)).toMatchObject({ type: "finish_run", state: "failed", reason: "cancelled" });
  });

  it("is ignored on a finished run", () => {
    const { state } = drive(newRun([task("a")]), () => ({ kind: "success" }));
    expect(applyEvent(state, { type: "cancel_run", at: at(99) }).ignored).toMatch(/already success/);
  });
});

describe("mark_run", () => {
  it("success marks every task success, stopping what runs (set_dag_run_state_to_success)", () => {
    const { state } = applyAll(newRun([task("a"), task("b", ["a"]), task("c")]), [
      { type: "run_started", at: at(0) },
      { type: "task_try_started", task_id: "a", try_number: 1, at: at(1) },
      { type: "task_try_failed", task_id: "c", try_number: 1, at: at(2), error: "x" },
    ]);
    const r = applyEvent(state, { type: "mark_run", state: "success", at: at(3) });
    expect(states(r.state)).toEqual({ a: "success", b: "success", c: "success" });
    expect(r.state).toMatchObject({ state: "success", finish_reason: "marked" });
    expect(r.commands).toContainEqual(expect.objectContaining({ type: "cancel_try", task_id: "a" }));
  });

  it("failed on a successful run changes the run only", () => {
    const { state } = drive(newRun([task("a")]), () => ({ kind: "success" }));
    const r = applyEvent(state, { type: "mark_run", state: "failed", at: at(50) });
    expect(r.state).toMatchObject({ state: "failed", finish_reason: "marked" });
    expect(states(r.state)).toEqual({ a: "success" });
  });
});

describe("applyEvents (a batch, as one scheduler loop sees it)", () => {
  it("records every change of the batch in one record_states and starts what became ready", () => {
    const run = newRun([task("a"), task("b"), task("join", ["a", "b"])]);
    const { state } = applyAll(run, [{ type: "run_started", at: at(0) }]);
    const r = applyEvents(state, [
      { type: "task_try_succeeded", task_id: "a", try_number: 1, at: at(1) },
      { type: "task_try_succeeded", task_id: "b", try_number: 1, at: at(1) },
      { type: "task_try_succeeded", task_id: "b", try_number: 1, at: at(1) },
    ]);
    expect(r.commands.filter((c) => c.type === "record_states")).toHaveLength(1);
    expect(r.commands[0]).toMatchObject({
      type: "record_states",
      tasks: [
        { task_id: "a", from: "scheduled", state: "success", cause: "try" },
        { task_id: "b", from: "scheduled", state: "success", cause: "try" },
        { task_id: "join", from: "none", state: "scheduled", try_number: 1, cause: "engine" },
      ],
    });
    expect(r.ignored).toEqual([{ index: 2, reason: "task 'b' is success at try 1; the event is for try 1" }]);
    expect(r.state.event_count).toBe(state.event_count + 3);
  });

  it("sees upstream outcomes of the same batch together, as Airflow's scheduler loop does", () => {
    // 'skipper' is skipped and 'failer' fails in the same batch: all_success sees the failure
    // (upstream_failed wins over skipped); one event at a time the skip would be seen first.
    const tasks = [task("skipper"), task("failer"), task("c", ["skipper", "failer"])];
    const { state } = applyAll(newRun(tasks), [{ type: "run_started", at: at(0) }]);
    const events = [
      { type: "task_try_skipped", task_id: "skipper", try_number: 1, at: at(1) },
      { type: "task_try_failed", task_id: "failer", try_number: 1, at: at(1), error: "x" },
    ] as const;
    expect(ti(applyEvents(state, [...events]).state, "c").state).toBe("upstream_failed");
    expect(ti(applyAll(state, [...events]).state, "c").state).toBe("skipped");
  });
});
