import { describe, expect, it } from "vitest";
import { applyEvents } from "../../../lib/domain/run";
import { tryLabel } from "../../../lib/domain/run/try-label";
import { drive, newRun, task } from "./helpers";

describe("tryLabel", () => {
  it("counts the tries a task may run, not its retries", () => {
    expect(tryLabel(1, 0)).toBe("try 1 of 1");
    expect(tryLabel(2, 1)).toBe("try 2 of 2");
    expect(tryLabel(0, 3)).toBe("not run yet");
  });

  it("follows the engine through a failure and a clear (fresh budget, the try number keeps counting)", () => {
    let { state } = drive(newRun([task("t", [], { retries: 1 })]), () => ({ kind: "failed" }));
    const label = () => tryLabel(state.tasks[0].try_number, state.tasks[0].max_tries);
    expect(state.tasks[0].state).toBe("failed");
    expect(label()).toBe("try 2 of 2");
    state = applyEvents(state, [{ type: "clear_tasks", task_ids: ["t"], include_downstream: false, include_upstream: false, only_failed: false, at: "2026-01-02T00:00:00.000Z" }]).state;
    expect(label()).toBe("try 3 of 4"); // try 3 is scheduled at once; it and one retry remain
  });
});
