// Whatever the input, validation returns problems and never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateDagText, validateDagValue } from "../../../lib/domain/dag/validate-dag";

const base = {
  dag_id: "d",
  schedule: "@daily",
  start_date: "2024-01-01",
  default_args: { retries: 1 },
  task_groups: [{ group_id: "g" }],
  tasks: [
    { task_id: "a", operator: "empty" },
    { task_id: "b", operator: "script", code: "export default () => 1", task_group: "g", upstream: ["a"] },
  ],
};

describe("validation never throws", () => {
  it("on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = validateDagText(text, { file: "f.yaml" });
        expect(r.ok || r.errors.length === 0).toBe(r.ok);
        for (const e of r.errors) expect(e.line).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("on ids that are objects String() cannot convert (found by the property below)", () => {
    const dag = structuredClone(base) as unknown as { tasks: Record<string, unknown>[]; task_groups: Record<string, unknown>[] };
    dag.tasks[0].task_id = { toString: false };
    dag.task_groups[0].group_id = { valueOf: 1, toString: null };
    const r = validateDagValue(dag, { file: "f" });
    expect(r.ok).toBe(false);
    expect(r.errors.length).toBeGreaterThan(0);
  });

  it("on a valid DAG with any field replaced by any JSON value", () => {
    const paths: (string | number)[][] = [
      ["dag_id"], ["schedule"], ["start_date"], ["default_args"], ["default_args", "retries"], ["task_groups"], ["task_groups", 0],
      ["task_groups", 0, "group_id"], ["tasks"], ["tasks", 0], ["tasks", 1, "upstream"], ["tasks", 1, "upstream", 0],
      ["tasks", 1, "task_group"], ["tasks", 1, "operator"], ["tasks", 0, "task_id"], ["params"], ["timetable"],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (p, v) => {
        const dag = structuredClone(base) as Record<string | number, unknown>;
        let cur = dag;
        for (const seg of p.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
        cur[p[p.length - 1]] = v;
        const r = validateDagValue(dag, { file: "f" });
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
