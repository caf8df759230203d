import { describe, expect, it } from "vitest";
import { pastDepsReason } from "../../../lib/domain/run/past-deps";

describe("pastDepsReason (Airflow's PrevDagrunDep)", () => {
  it("passes without a previous run or without the task in it", () => {
    expect(pastDepsReason("t", false, null)).toBeNull();
    expect(pastDepsReason("t", true, { run_id: "r0", state: null, downstream: [] })).toBeNull();
  });

  it("passes when the previous instance succeeded or was skipped", () => {
    expect(pastDepsReason("t", false, { run_id: "r0", state: "success", downstream: [] })).toBeNull();
    expect(pastDepsReason("t", false, { run_id: "r0", state: "skipped", downstream: [{ task_id: "d", state: "failed" }] })).toBeNull();
  });

  it("waits while the previous instance is in any other state", () => {
    for (const state of ["failed", "upstream_failed", "running", "up_for_retry", "none", "queued"]) {
      expect(pastDepsReason("t", false, { run_id: "r0", state, downstream: [] })).toMatch(new RegExp(`^depends_on_past: 't' in the previous run r0 is ${state}`));
    }
  });

  it("with wait_for_downstream, waits for every direct downstream instance to succeed or skip", () => {
    const previous = (states: string[]) => ({ run_id: "r0", state: "success", downstream: states.map((s, i) => ({ task_id: `d${i}`, state: s })) });
    expect(pastDepsReason("t", true, previous(["success", "skipped"]))).toBeNull();
    expect(pastDepsReason("t", true, previous(["success", "none", "failed"]))).toBe(
      "wait_for_downstream: in the previous run r0, the tasks after 't' have not all finished: d1 (not run), d2 (failed).",
    );
    expect(pastDepsReason("t", false, previous(["failed"]))).toBeNull();
  });
});
