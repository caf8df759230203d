import { describe, expect, it } from "vitest";
import { layoutGraph, NODE_W } from "../../../lib/domain/dag/layout-graph";

describe("graph layout (dagre)", () => {
  it("places every upstream task left of its downstream and draws groups around their tasks", () => {
    const tasks = [
      { task_id: "start", task_group: null, upstream: [] },
      { task_id: "etl.extract", task_group: "etl", upstream: ["start"] },
      { task_id: "etl.load", task_group: "etl", upstream: ["etl.extract"] },
      { task_id: "end", task_group: null, upstream: ["etl.load"] },
    ];
    const out = layoutGraph(tasks, [{ group_id: "etl", parent_group: null }]);
    const at = (id: string) => out.nodes.find((n) => n.id === id)!;
    expect(at("start").x).toBeLessThan(at("etl.extract").x);
    expect(at("etl.extract").x).toBeLessThan(at("etl.load").x);
    expect(at("etl.load").x).toBeLessThan(at("end").x);
    const etl = out.groups.find((g) => g.id === "etl")!;
    for (const id of ["etl.extract", "etl.load"]) {
      expect(at(id).x).toBeGreaterThanOrEqual(etl.x);
      expect(at(id).x + NODE_W).toBeLessThanOrEqual(etl.x + etl.width);
    }
    expect(at("start").x + NODE_W).toBeLessThanOrEqual(etl.x);
    expect(out.edges).toHaveLength(3);
  });

  it("lays out 500 tasks in 10 groups fast enough for a page", () => {
    const groups = Array.from({ length: 10 }, (_, i) => ({ group_id: `g${i}`, parent_group: null }));
    const tasks = [{ task_id: "start", task_group: null as string | null, upstream: [] as string[] }];
    for (let i = 0; i < 499; i++) {
      const g = `g${i % 10}`;
      const prev = i >= 10 ? [`${g}.t${i - 10}`] : ["start"];
      tasks.push({ task_id: `${g}.t${i}`, task_group: g, upstream: prev });
    }
    const t0 = performance.now();
    const out = layoutGraph(tasks, groups);
    const elapsed = performance.now() - t0;
    expect(out.nodes).toHaveLength(500);
    expect(new Set(out.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(500);
    expect(elapsed).toBeLessThan(5000);
  });
});
