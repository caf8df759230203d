// Every trigger rule over upstream mixes, against outcomes computed by Airflow 3.1.8's own
// TriggerRuleDep (test/reference/run/trigger_rule_outcomes.py produced the fixture).
import { describe, expect, it } from "vitest";
import { evaluateTriggerRule, TRIGGER_RULES, type TaskState, type TriggerRule } from "../../../lib/domain/run";
import reference from "../../reference/run/trigger-rule-outcomes.json";

interface Case {
  rule: TriggerRule;
  upstream: TaskState[];
  new_state: "skipped" | "upstream_failed" | null;
  passed: boolean;
}

const cases = reference.cases as Case[];

describe("evaluateTriggerRule matches Airflow 3.1.8's TriggerRuleDep", () => {
  it("has a fixture from the real Airflow covering every rule", () => {
    expect(reference.airflow_version).toBe("3.1.8");
    expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(TRIGGER_RULES));
  });

  for (const rule of TRIGGER_RULES) {
    it(`${rule}: same new state and same run decision for every upstream mix`, () => {
      const mismatches: string[] = [];
      for (const c of cases.filter((x) => x.rule === rule)) {
        const got = evaluateTriggerRule(
          rule,
          c.upstream.map((state, i) => ({ task_id: `u${i}`, state })),
        );
        // When Airflow settles the state the task never runs, whatever the dep said after.
        const airflowRuns = c.new_state === null && c.passed;
        const weRun = got.new_state === null && got.passed;
        if (got.new_state !== c.new_state || airflowRuns !== weRun) {
          mismatches.push(
            `[${c.upstream.join(",")}]: airflow ${c.new_state ?? "-"}/${c.passed}, windsock ${got.new_state ?? "-"}/${got.passed}`,
          );
        }
        expect(got.reason.length).toBeGreaterThan(0);
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe("trigger rule reasons say why in words", () => {
  it("names the failed upstream when all_success gives up", () => {
    const d = evaluateTriggerRule("all_success", [
      { task_id: "extract", state: "success" },
      { task_id: "load", state: "failed" },
    ]);
    expect(d.new_state).toBe("upstream_failed");
    expect(d.reason).toContain("load=failed");
    expect(d.reason).toContain("all_success");
  });

  it("says what a waiting one_success task waits for", () => {
    const d = evaluateTriggerRule("one_success", [
      { task_id: "a", state: "running" },
      { task_id: "b", state: "failed" },
    ]);
    expect(d).toMatchObject({ new_state: null, passed: false });
    expect(d.reason).toMatch(/^Waiting: trigger rule 'one_success' needs one upstream success/);
  });

  it("all_done_setup_success behaves as all_done while there are no setup tasks", () => {
    for (const c of cases.filter((x) => x.rule === "all_done")) {
      const ups = c.upstream.map((state, i) => ({ task_id: `u${i}`, state }));
      expect(evaluateTriggerRule("all_done_setup_success", ups)).toMatchObject({
        new_state: evaluateTriggerRule("all_done", ups).new_state,
        passed: evaluateTriggerRule("all_done", ups).passed,
      });
    }
  });
});
