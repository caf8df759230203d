// A try lost with its worker runs again at once as a new try, without using a retry.
import { describe, expect, it } from "vitest";
import { applyEvent, getTaskInstance } from "../../../lib/domain/run";
import { T0, newRun, task } from "./helpers";

const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

describe("task_try_lost", () => {
  it("starts the next try at once and keeps the retry budget", () => {
    let state = newRun([task("a", [], { retries: 1 }), task("b", ["a"])]);
    state = applyEvent(state, { type: "run_started", at: at(0) }).state;
    state = applyEvent(state, { type: "task_try_started", task_id: "a", try_number: 1, at: at(1) }).state;
    const lost = applyEvent(state, { type: "task_try_lost", task_id: "a", try_number: 1, at: at(2), reason: "worker lost" });
    expect(lost.commands).toContainEqual(expect.objectContaining({ type: "start_try", task_id: "a", try_number: 2 }));
    expect(getTaskInstance(lost.state, "a")).toMatchObject({ state: "scheduled", try_number: 2, max_tries: 2 });
    state = lost.state;
    // Try 2 fails: the one retry is still there.
    state = applyEvent(state, { type: "task_try_started", task_id: "a", try_number: 2, at: at(3) }).state;
    const failed = applyEvent(state, { type: "task_try_failed", task_id: "a", try_number: 2, at: at(4), error: "boom" });
    expect(getTaskInstance(failed.state, "a")?.state).toBe("up_for_retry");
  });

  it("without retries the task still gets one new try after a loss, then fails for real", () => {
    let state = newRun([task("a")]);
    state = applyEvent(state, { type: "run_started", at: at(0) }).state;
    state = applyEvent(state, { type: "task_try_lost", task_id: "a", try_number: 1, at: at(1) }).state;
    expect(getTaskInstance(state, "a")).toMatchObject({ state: "scheduled", try_number: 2 });
    const failed = applyEvent(state, { type: "task_try_failed", task_id: "a", try_number: 2, at: at(2), error: "boom" });
    expect(getTaskInstance(failed.state, "a")?.state).toBe("failed");
    expect(failed.state.state).toBe("failed");
  });

  it("ignores a loss reported for an older try", () => {
    let state = newRun([task("a")]);
    state = applyEvent(state, { type: "run_started", at: at(0) }).state;
    const r = applyEvent(state, { type: "task_try_lost", task_id: "a", try_number: 7, at: at(1) });
    expect(r.ignored).toBeDefined();
  });
});
