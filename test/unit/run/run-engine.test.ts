import { describe, expect, it } from "vitest";
import { applyEvent } from "../../../lib/domain/run";
import { drive, newRun, states, task, ti } from "./helpers";

describe("run engine: linear and fan-out runs", () => {
  it("runs a chain to success, one try each, upstreams first", () => {
    const run = newRun([task("a"), task("b", ["a"]), task("c", ["b"])]);
    const { state, commands } = drive(run, () => ({ kind: "success" }));
    expect(state.state).toBe("success");
    expect(states(state)).toEqual({ a: "success", b: "success", c: "success" });
    const starts = commands.filter((c) => c.type === "start_try").map((c) => (c as { task_id: string }).task_id);
    expect(starts).toEqual(["a", "b", "c"]);
    expect(commands.at(-1)).toMatchObject({ type: "finish_run", state: "success", reason: "success" });
  });

  it("starts every root in the same step", () => {
    const run = newRun([task("a"), task("b"), task("join", ["a", "b"])]);
    const r = applyEvent(run, { type: "run_started", at: "2026-01-01T00:00:00.000Z" });
    expect(r.commands.filter((c) => c.type === "start_try")).toHaveLength(2);
    expect(ti(r.state, "a")).toMatchObject({ state: "scheduled", try_number: 1 });
  });
});
