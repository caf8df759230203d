// priority_weight and weight_rule as Airflow computes priority_weight_total: own weight plus
// every distinct relative's (downstream or upstream), or the own weight alone (absolute);
// a DAG that sets neither keeps its hash and carries no weights into its runs.
import { describe, expect, it } from "vitest";
import { hasPriorities, priorityWeights } from "../../../lib/domain/dag/priority-weights";
import { runDagOf } from "../../../lib/domain/run/run-dag-of";
import { brief, manyTasksYaml, validate } from "./helpers";

const spec = (yaml: string) => {
  const r = validate(yaml);
  if (!r.spec) throw new Error(brief(r).join("\n"));
  return r.spec;
};

// a → b, a → c, b → d, c → d (a diamond: d is downstream of a twice, counted once).
const diamond = (extra: Record<string, string> = {}) => `dag_id: diamond
schedule: null
${extra.dag ?? ""}
tasks:
  - { task_id: a, operator: empty ${extra.a ?? ""} }
  - { task_id: b, operator: empty, upstream: [a] ${extra.b ?? ""} }
  - { task_id: c, operator: empty, upstream: [a] ${extra.c ?? ""} }
  - { task_id: d, operator: empty, upstream: [b, c] ${extra.d ?? ""} }
`;

describe("priority weights", () => {
  it("sums each task's downstream relatives once by default (Airflow's downstream rule)", () => {
    const s = spec(diamond({ a: ", priority_weight: 1", b: ", priority_weight: 10", d: ", priority_weight: 100" }));
    expect(Object.fromEntries(priorityWeights(s))).toEqual({ a: 1 + 10 + 1 + 100, b: 110, c: 101, d: 100 });
  });

  it("sums upstream relatives with weight_rule upstream, and the own weight alone with absolute", () => {
    const s = spec(diamond({ a: ", priority_weight: 5, weight_rule: absolute", d: ", weight_rule: upstream", b: ", priority_weight: 3" }));
    expect(Object.fromEntries(priorityWeights(s))).toEqual({ a: 5, b: 3 + 1, c: 1 + 1, d: 1 + 3 + 1 + 5 });
  });

  it("takes them from default_args, and refuses an unknown weight rule with the allowed ones", () => {
    const s = spec(diamond({ dag: "default_args: { weight_rule: absolute, priority_weight: 7 }" }));
    expect(Object.fromEntries(priorityWeights(s))).toEqual({ a: 7, b: 7, c: 7, d: 7 });
    const bad = validate(diamond({ a: ", weight_rule: sideways" }));
    expect(bad.ok).toBe(false);
    expect(brief(bad).join("\n")).toMatch(/weight_rule/);
  });

  it("keeps a DAG without priorities as it was: same hash, no weights in its runs", () => {
    const plain = spec(diamond());
    expect(hasPriorities(plain)).toBe(false);
    expect(runDagOf(plain).tasks.every((t) => t.priority_weight === undefined)).toBe(true);
    // No new keys in the canonical form, so its hash is what it was before the fields existed.
    expect(plain.tasks.flatMap((t) => Object.keys(t)).filter((k) => k === "priority_weight" || k === "weight_rule")).toEqual([]);
    const weighted = spec(diamond({ a: ", priority_weight: 2" }));
    expect(runDagOf(weighted).tasks.map((t) => t.priority_weight)).toEqual([5, 2, 2, 1]);
  });

  it("handles a 10,000-task chain without recursion", () => {
    const s = spec(manyTasksYaml(10_000).replace("tasks:", "default_args: { priority_weight: 1 }\ntasks:"));
    const w = priorityWeights(s);
    expect(w.get("t0")).toBe(10_000);
    expect(w.get("t9999")).toBe(1);
  });
});
