// Graph helpers over task ids: cycle finding (iterative, so 10,000-task chains don't overflow
// the stack) and a topological order for display.

/**
 * Returns one cycle as a list of ids [a, b, c] where a depends on b, b on c and c on a
 * (following `next`), or null when the graph is acyclic.
 */
export function findCycle(ids: readonly string[], next: (id: string) => readonly string[]): string[] | null {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  for (const root of ids) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const iters: number[] = [0];
    state.set(root, 1);
    while (path.length) {
      const id = path[path.length - 1];
      const outs = next(id);
      const i = iters[iters.length - 1];
      if (i >= outs.length) {
        state.set(id, 2);
        path.pop();
        iters.pop();
        continue;
      }
      iters[iters.length - 1] = i + 1;
      const n = outs[i];
      const s = state.get(n);
      if (s === 1) return path.slice(path.indexOf(n));
      if (s === undefined) {
        state.set(n, 1);
        path.push(n);
        iters.push(0);
      }
    }
  }
  return null;
}

/** Kahn's algorithm; ties keep the given order. Ids in a cycle are left out. */
export function topologicalOrder(ids: readonly string[], upstream: (id: string) => readonly string[]): string[] {
  const indeg = new Map<string, number>();
  const down = new Map<string, string[]>();
  for (const id of ids) indeg.set(id, 0);
  for (const id of ids) {
    for (const u of upstream(id)) {
      if (!indeg.has(u)) continue;
      indeg.set(id, indeg.get(id)! + 1);
      const list = down.get(u) ?? [];
      list.push(id);
      down.set(u, list);
    }
  }
  const queue = ids.filter((id) => indeg.get(id) === 0);
  const out: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    out.push(id);
    for (const d of down.get(id) ?? []) {
      const n = indeg.get(d)! - 1;
      indeg.set(d, n);
      if (n === 0) queue.push(d);
    }
  }
  return out;
}
