// Positions for the Graph view, computed by dagre (a layered graph layout, as Airflow's own
// graph uses) — left to right, task groups as compound nodes so they get a box around them.
import dagre from "@dagrejs/dagre";

export interface GraphInputTask {
  task_id: string;
  task_group: string | null;
  upstream: string[];
}
export interface LaidOutNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface LaidOutGraph {
  nodes: LaidOutNode[];
  groups: (LaidOutNode & { depth: number })[];
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
  width: number;
  height: number;
}

export const NODE_W = 190;
export const NODE_H = 40;

export function layoutGraph(tasks: GraphInputTask[], groups: { group_id: string; parent_group: string | null }[], showGroups = true): LaidOutGraph {
  const useGroups = showGroups && groups.length > 0;
  const g = new dagre.graphlib.Graph({ compound: useGroups, multigraph: false });
  g.setGraph({ rankdir: "LR", nodesep: 30, ranksep: 56, marginx: 24, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(tasks.map((t) => t.task_id));
  if (useGroups) {
    for (const grp of groups) g.setNode(`group:${grp.group_id}`, {});
    for (const grp of groups) if (grp.parent_group) g.setParent(`group:${grp.group_id}`, `group:${grp.parent_group}`);
  }
  for (const t of tasks) {
    g.setNode(t.task_id, { width: NODE_W, height: NODE_H });
    if (useGroups && t.task_group) g.setParent(t.task_id, `group:${t.task_group}`);
  }
  for (const t of tasks) for (const u of t.upstream) if (ids.has(u)) g.setEdge(u, t.task_id);
  dagre.layout(g);
  const box = (id: string) => {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    return { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
  };
  const depthOf = new Map<string, number>();
  const depth = (id: string | null): number => {
    if (!id) return -1;
    if (!depthOf.has(id)) depthOf.set(id, depth(groups.find((x) => x.group_id === id)?.parent_group ?? null) + 1);
    return depthOf.get(id)!;
  };
  const graph = g.graph() as { width?: number; height?: number };
  return {
    nodes: tasks.map((t) => ({ id: t.task_id, ...box(t.task_id) })),
    groups: useGroups ? groups.map((grp) => ({ id: grp.group_id, depth: depth(grp.group_id), ...box(`group:${grp.group_id}`) })) : [],
    edges: g.edges().map((e) => ({ from: e.v, to: e.w, points: (g.edge(e) as { points: { x: number; y: number }[] }).points })),
    width: graph.width ?? 0,
    height: graph.height ?? 0,
  };
}
