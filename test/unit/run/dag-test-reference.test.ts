// Whole runs against Apache Airflow 3.1.8's own DAG.test(): the same scenario DAGs (branches,
// short circuits, failures, skips, every trigger rule, retries) must end in the same task
// states, try numbers and run state. test/reference/run/dag_test_scenarios.py produced the fixture.
import { describe, expect, it } from "vitest";
import { branchSkipList, shortCircuitSkipList, type TriggerRule } from "../../../lib/domain/run";
import reference from "../../reference/run/dag-test-scenarios.json";
import { drive, newRun, task, type Outcome } from "./helpers";

type Behavior = "success" | "fail" | "skip" | { branch: string[] } | { short_circuit: boolean };

interface Scenario {
  name: string;
  tasks: { task_id: string; upstream: string[]; behavior: Behavior; trigger_rule: TriggerRule; retries: number }[];
  airflow: { run_state: string; task_states: Record<string, string | null>; try_numbers: Record<string, number> };
}

const scenarios = reference.scenarios as unknown as Scenario[];

describe("whole runs match Airflow 3.1.8's DAG.test()", () => {
  it("has a fixture from the real Airflow", () => {
    expect(reference.airflow_version).toBe("3.1.8");
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))("%s", (_name, scenario) => {
    const run = newRun(
      scenario.tasks.map((t) =>
        task(t.task_id, t.upstream, { trigger_rule: t.trigger_rule, retries: t.retries, retry_delay: 0 }),
      ),
    );
    const behaviors = new Map(scenario.tasks.map((t) => [t.task_id, t.behavior]));
    const decide = (id: string): Outcome => {
      const b = behaviors.get(id)!;
      if (b === "success") return { kind: "success" };
      if (b === "fail") return { kind: "failed" };
      if (b === "skip") return { kind: "skipped" };
      if ("branch" in b) return { kind: "success", skip: branchSkipList(run.graph, id, b.branch) };
      return { kind: "success", skip: shortCircuitSkipList(run.graph, id, b.short_circuit) };
    };
    const { state } = drive(run, decide);
    const got = Object.fromEntries(state.tasks.map((t) => [t.task_id, t.state]));
    const want = Object.fromEntries(Object.entries(scenario.airflow.task_states).map(([k, v]) => [k, v ?? "none"]));
    expect(got).toEqual(want);
    expect(Object.fromEntries(state.tasks.map((t) => [t.task_id, t.try_number]))).toEqual(scenario.airflow.try_numbers);
    expect(state.state).toBe(scenario.airflow.run_state);
  });
});
