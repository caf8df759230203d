// The engine takes the normalized DagSpec as it is (lib/domain/dag/spec.ts): ms durations,
// full task ids inside groups, retry_exponential_backoff as a multiplier.
import { describe, expect, it } from "vitest";
import { normalizeDagFile, type DagFile, type DagSpec } from "../../../lib/domain/dag/spec";
import { applyEvent, createRun, type RunDag } from "../../../lib/domain/run";
import { drive, states, T0, ti } from "./helpers";

// A compile-time check: a DagSpec is a RunDag.
const asRunDag = (spec: DagSpec): RunDag => spec;

const file = {
  dag_id: "user_processing",
  dagrun_timeout: "PT2H",
  default_args: { retries: 2, retry_delay: "PT5M", retry_exponential_backoff: true },
  task_groups: [{ group_id: "load" }],
  tasks: [
    { task_id: "create_table", operator: "empty" },
    { task_id: "fetch_user", operator: "empty", upstream: ["create_table"], max_retry_delay: "PT1H" },
    { task_id: "store", operator: "empty", task_group: "load", upstream: ["fetch_user"] },
    { task_id: "notify", operator: "empty", upstream: ["load.store"], trigger_rule: "all_done" },
  ],
} as unknown as DagFile;

const spec = normalizeDagFile(file, { parseInstant: (text) => Date.parse(text) });

describe("a normalized DagSpec drives the engine", () => {
  it("runs with full task ids and the spec's units", () => {
    const run = createRun({ dag: asRunDag(spec), run_id: "manual__x", logical_date: T0 });
    expect(run.graph.order).toEqual(["create_table", "fetch_user", "load.store", "notify"]);
    expect(run.graph.tasks.fetch_user).toMatchObject({ retries: 2, retry_delay: 300_000, max_retry_delay: 3_600_000 });
    const started = applyEvent(run, { type: "run_started", at: T0 });
    expect(started.commands).toContainEqual({ type: "schedule_run_timeout", at: "2026-01-01T02:00:00.000Z" });
    const { state } = drive(run, (id, n) => (id === "fetch_user" && n === 1 ? { kind: "failed" } : { kind: "success" }));
    expect(states(state)).toEqual({ create_table: "success", fetch_user: "success", "load.store": "success", notify: "success" });
    expect(ti(state, "fetch_user").try_number).toBe(2);
  });

  it("backs off exponentially from the spec's retry_delay", () => {
    let state = createRun({ dag: spec, run_id: "manual__x", logical_date: T0 });
    state = applyEvent(state, { type: "run_started", at: T0 }).state;
    state = applyEvent(state, { type: "task_try_succeeded", task_id: "create_table", try_number: 1, at: T0 }).state;
    const r = applyEvent(state, { type: "task_try_failed", task_id: "fetch_user", try_number: 1, at: T0, error: "503" });
    const waitMs = Date.parse(ti(r.state, "fetch_user").next_try_at!) - Date.parse(T0);
    // Try 1 with base 2: between 1x and 2x retry_delay (Airflow's jitter), at most max_retry_delay.
    expect(waitMs).toBeGreaterThanOrEqual(300_000);
    expect(waitMs).toBeLessThan(600_000);
  });
});
