// "Why didn't this run?": what the UI shows for a task, from the engine's state.
import { describe, expect, it } from "vitest";
import { explainTask } from "../../../lib/domain/run";
import { applyAll, newRun, T0, task } from "./helpers";

const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

describe("explainTask", () => {
  const tasks = [task("a"), task("b"), task("join", ["a", "b"]), task("flaky", [], { retries: 1 })];

  it("says what a waiting task waits for, naming its upstreams' states", () => {
    const { state } = applyAll(newRun(tasks), [
      { type: "run_started", at: at(0) },
      { type: "task_try_succeeded", task_id: "a", try_number: 1, at: at(1) },
    ]);
    expect(explainTask(state, "join")).toBe(
      "Waiting: trigger rule 'all_success' needs every upstream to succeed, 1 not (yet) successful. Upstream: a=success, b=scheduled.",
    );
  });

  it("says why a task was decided without running, and when a failed try is retried", () => {
    const { state } = applyAll(newRun(tasks), [
      { type: "run_started", at: at(0) },
      { type: "task_try_failed", task_id: "b", try_number: 1, at: at(1), error: "disk full" },
      { type: "task_try_failed", task_id: "flaky", try_number: 1, at: at(2), error: "HTTP 503" },
    ]);
    expect(explainTask(state, "join")).toBe(
      "Upstream failed: trigger rule 'all_success' needs every upstream to succeed and one failed. Upstream: a=scheduled, b=failed.",
    );
    expect(explainTask(state, "b")).toBe("Try 1 failed: disk full");
    expect(explainTask(state, "flaky")).toMatch(/^Try 1 failed: HTTP 503\. Retrying at 2026-01-01T00:05:02\.000Z \(try 2 of 2\)\.$/);
  });

  it("says when the run has not started and when a task is unknown", () => {
    expect(explainTask(newRun(tasks), "join")).toMatch(/^The run has not started yet\. Waiting:/);
    expect(explainTask(newRun(tasks), "nope")).toBe("'nope' is not a task of DAG 'test_dag'.");
  });
});
