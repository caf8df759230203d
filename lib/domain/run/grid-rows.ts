// The Grid's rows: task groups and tasks in the DAG file's order, a group row placed just
// before its first task, nested groups indented; plus the state a collapsed group shows.
export type GridRow =
  | { kind: "group"; id: string; label: string; depth: number; parent: string | null; taskIds: string[] }
  | { kind: "task"; id: string; label: string; depth: number; parent: string | null };

/** Groups of a task id from its group path: "a.b.t" in groups ["a", "a.b"] → ["a", "a.b"]. */
function ancestry(group: string | null, parents: Map<string, string | null>): string[] {
  const chain: string[] = [];
  for (let g = group; g; g = parents.get(g) ?? null) chain.unshift(g);
  return chain;
}

/**
 * `tasks` in file order (the current version's); `extraTaskIds` are ids seen in older runs
 * only (removed since), shown last without a group.
 */
export function buildGridRows(
  tasks: { task_id: string; task_group: string | null }[],
  groups: { group_id: string; parent_group: string | null }[],
  extraTaskIds: Iterable<string> = [],
): GridRow[] {
  const parents = new Map(groups.map((g) => [g.group_id, g.parent_group]));
  const rows: GridRow[] = [];
  const groupRows = new Map<string, Extract<GridRow, { kind: "group" }>>();
  const known = new Set<string>();
  for (const t of tasks) {
    known.add(t.task_id);
    const chain = ancestry(t.task_group, parents);
    chain.forEach((g, depth) => {
      if (!groupRows.has(g)) {
        const parent = depth ? chain[depth - 1] : null;
        const row = { kind: "group" as const, id: g, label: parent ? g.slice(parent.length + 1) : g, depth, parent, taskIds: [] };
        groupRows.set(g, row);
        rows.push(row);
      }
      groupRows.get(g)!.taskIds.push(t.task_id);
    });
    const group = t.task_group;
    rows.push({ kind: "task", id: t.task_id, label: group && t.task_id.startsWith(`${group}.`) ? t.task_id.slice(group.length + 1) : t.task_id, depth: chain.length, parent: group });
  }
  for (const id of [...extraTaskIds].filter((x) => !known.has(x)).sort()) rows.push({ kind: "task", id, label: id, depth: 0, parent: null });
  return rows;
}

/** Rows left visible when `collapsed` groups hide their descendants. */
export function visibleRows(rows: GridRow[], collapsed: ReadonlySet<string>): GridRow[] {
  const parentOf = new Map(rows.filter((r) => r.kind === "group").map((r) => [r.id, r.parent]));
  const hidden = (parent: string | null): boolean => {
    for (let g = parent; g; g = parentOf.get(g) ?? null) if (collapsed.has(g)) return true;
    return false;
  };
  return rows.filter((r) => !hidden(r.parent));
}

// Worst first: what an operator must see on a collapsed group.
const PRIORITY = ["failed", "upstream_failed", "up_for_retry", "running", "up_for_reschedule", "queued", "scheduled", "none", "removed", "skipped", "success"];

/** The state a group shows for one run: its most urgent task state (null when no task ran). */
export function groupState(states: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const s of states) {
    if (!s) continue;
    if (best === null || rank(s) < rank(best)) best = s;
  }
  return best;
}
const rank = (s: string) => {
  const i = PRIORITY.indexOf(s);
  return i < 0 ? PRIORITY.length : i;
};
