// Branch and short-circuit cascades, as Airflow's skip_all_except / ShortCircuitOperator and
// the trigger rules of the tasks below them decide.
import { describe, expect, it } from "vitest";
import { applyEvent, branchSkipList, shortCircuitSkipList } from "../../../lib/domain/run";
import type { RunTask } from "../../../lib/domain/run";
import { drive, newRun, states, task, ti } from "./helpers";

function branchDag(joinRule: RunTask["trigger_rule"]): RunTask[] {
  return [
    task("choose", [], { operator: "branch" }),
    task("fast", ["choose"]),
    task("slow", ["choose"]),
    task("slow_2", ["slow"]),
    task("join", ["fast", "slow_2"], { trigger_rule: joinRule }),
    task("report", ["join"]),
  ];
}

describe("branching", () => {
  it("skips the branch not followed and everything under it that needs it", () => {
    const run = newRun(branchDag("all_success"));
    const skip = branchSkipList(run.graph, "choose", ["fast"]);
    expect(skip).toEqual(["slow"]);
    const { state } = drive(run, (id) => (id === "choose" ? { kind: "success", skip } : { kind: "success" }));
    expect(states(state)).toEqual({
      choose: "success",
      fast: "success",
      slow: "skipped",
      slow_2: "skipped",
      join: "skipped",
      report: "skipped",
    });
    // Every leaf skipped or succeeded: the run succeeds, as in Airflow.
    expect(state.state).toBe("success");
    expect(ti(state, "slow").reason).toBe("Skipped by branch task 'choose' (try 1).");
    expect(ti(state, "join").reason).toMatch(/^Skipped: trigger rule 'all_success'/);
  });

  it("lets a none_failed_min_one_success join run after the followed branch", () => {
    const run = newRun(branchDag("none_failed_min_one_success"));
    const skip = branchSkipList(run.graph, "choose", ["fast"]);
    const { state } = drive(run, (id) => (id === "choose" ? { kind: "success", skip } : { kind: "success" }));
    expect(states(state)).toMatchObject({ slow: "skipped", slow_2: "skipped", join: "success", report: "success" });
  });

  it("keeps a join that is both a direct downstream and under the followed branch (empty branch)", () => {
    const run = newRun([
      task("choose", [], { operator: "branch" }),
      task("task1", ["choose"]),
      task("join", ["choose", "task1"], { trigger_rule: "none_failed_min_one_success" }),
    ]);
    expect(branchSkipList(run.graph, "choose", ["task1"])).toEqual([]);
    // Following the empty path skips task1 but not the join.
    const skip = branchSkipList(run.graph, "choose", ["join"]);
    expect(skip).toEqual(["task1"]);
    const { state } = drive(run, (id) => (id === "choose" ? { kind: "success", skip } : { kind: "success" }));
    expect(states(state)).toEqual({ choose: "success", task1: "skipped", join: "success" });
  });

  it("skips every branch when the branch follows none", () => {
    const run = newRun(branchDag("none_failed_min_one_success"));
    const skip = branchSkipList(run.graph, "choose", []);
    const { state } = drive(run, (id) => (id === "choose" ? { kind: "success", skip } : { kind: "success" }));
    expect(states(state)).toMatchObject({ fast: "skipped", slow: "skipped", join: "skipped", report: "skipped" });
  });

  it("rejects a branch choice that is not a task, naming the valid ones", () => {
    const run = newRun(branchDag("all_success"));
    expect(() => branchSkipList(run.graph, "choose", ["nope"])).toThrow(/'nope'.*fast, slow/);
  });

  it("refuses a skip list that names a task that is not downstream", () => {
    let state = newRun([task("a"), task("b"), task("c", ["a"])]);
    state = applyEvent(state, { type: "run_started", at: "2026-01-01T00:00:00Z" }).state;
    expect(() =>
      applyEvent(state, { type: "task_try_succeeded", task_id: "a", try_number: 1, at: "2026-01-01T00:00:01Z", skip: ["b"] }),
    ).toThrow(/'b', which is not downstream of it/);
  });
});

describe("short_circuit", () => {
  const tasks = [
    task("check", [], { operator: "short_circuit" }),
    task("a", ["check"]),
    task("b", ["a"]),
    task("always_notify", ["b"], { trigger_rule: "all_done" }),
  ];

  it("skips every descendant, whatever its trigger rule, by default", () => {
    const run = newRun(tasks);
    const skip = shortCircuitSkipList(run.graph, "check");
    const { state } = drive(run, (id) => (id === "check" ? { kind: "success", skip } : { kind: "success" }));
    expect(states(state)).toEqual({ check: "success", a: "skipped", b: "skipped", always_notify: "skipped" });
    expect(state.state).toBe("success");
  });

  it("skips only direct downstreams when ignore_downstream_trigger_rules is false, then rules decide", () => {
    const run = newRun(tasks);
    const skip = shortCircuitSkipList(run.graph, "check", false);
    expect(skip).toEqual(["a"]);
    const { state } = drive(run, (id) => (id === "check" ? { kind: "success", skip } : { kind: "success" }));
    expect(states(state)).toEqual({ check: "success", a: "skipped", b: "skipped", always_notify: "success" });
  });

  it("skips nothing on a truthy condition", () => {
    const { state } = drive(newRun(tasks), () => ({ kind: "success" }));
    expect(Object.values(states(state)).every((s) => s === "success")).toBe(true);
  });
});

describe("skip cascades through trigger rules", () => {
  it("none_skipped is skipped, one_success waits for a real success, all_skipped runs", () => {
    const run = newRun([
      task("s"),
      task("ok"),
      task("ns", ["s", "ok"], { trigger_rule: "none_skipped" }),
      task("os", ["s", "ok"], { trigger_rule: "one_success" }),
      task("as", ["s"], { trigger_rule: "all_skipped" }),
      task("nf", ["s", "ok"], { trigger_rule: "none_failed" }),
    ]);
    const { state } = drive(run, (id) => (id === "s" ? { kind: "skipped" } : { kind: "success" }));
    expect(states(state)).toEqual({ s: "skipped", ok: "success", ns: "skipped", os: "success", as: "success", nf: "success" });
  });
});
