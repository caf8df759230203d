// Airflow's priority_weight_total: the weight a task competes with for slots. With the
// "downstream" rule (Airflow's default) it is the task's own weight plus that of every task
// downstream of it, so tasks that unblock more work go first; "upstream" sums the task and
// every task upstream of it; "absolute" is the task's own weight. Each relative counts once.
import type { DagSpec, WeightRule } from "./spec";

const DEFAULT_WEIGHT = 1;
const DEFAULT_RULE: WeightRule = "downstream";
/** Airflow keeps the total within a database integer (db_safe_priority). */
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/** Whether the DAG sets priorities at all: without them, tries start in the order they were ready. */
export function hasPriorities(spec: Pick<DagSpec, "tasks">): boolean {
  return spec.tasks.some((t) => t.priority_weight !== undefined || t.weight_rule !== undefined);
}

/**
 * Each task's total weight. Relatives are bitsets over the topological order (a task's
 * descendants are the union of its children's), so a 10,000-task DAG needs no recursion.
 */
export function priorityWeights(spec: Pick<DagSpec, "tasks">): Map<string, number> {
  const tasks = spec.tasks;
  const n = tasks.length;
  const index = new Map(tasks.map((t, i) => [t.task_id, i]));
  const weight = tasks.map((t) => t.priority_weight ?? DEFAULT_WEIGHT);
  const rules = tasks.map((t) => t.weight_rule ?? DEFAULT_RULE);
  const order = topoOrder(tasks, index);
  const words = (n + 31) >>> 5;
  const relatives = (direction: "downstream" | "upstream"): Uint32Array[] => {
    const sets: Uint32Array[] = new Array(n);
    const walk = direction === "downstream" ? [...order].reverse() : order;
    for (const i of walk) {
      const set = new Uint32Array(words);
      const next = direction === "downstream" ? tasks[i].downstream : tasks[i].upstream;
      for (const id of next) {
        const j = index.get(id);
        if (j === undefined) continue;
        set[j >>> 5] |= 1 << (j & 31);
        const theirs = sets[j];
        for (let w = 0; w < words; w++) set[w] |= theirs[w];
      }
      sets[i] = set;
    }
    return sets;
  };
  const down = rules.includes("downstream") ? relatives("downstream") : null;
  const up = rules.includes("upstream") ? relatives("upstream") : null;
  const totals = new Map<string, number>();
  tasks.forEach((t, i) => {
    const set = rules[i] === "downstream" ? down![i] : rules[i] === "upstream" ? up![i] : null;
    let total = weight[i];
    if (set) {
      for (let w = 0; w < words; w++) {
        let bits = set[w];
        while (bits) {
          const low = bits & -bits;
          total += weight[(w << 5) + 31 - Math.clz32(low)];
          bits ^= low;
        }
      }
    }
    totals.set(t.task_id, Math.max(INT32_MIN, Math.min(INT32_MAX, total)));
  });
  return totals;
}

/** Indexes in an order where every task comes after its upstream (the spec is acyclic). */
function topoOrder(tasks: Pick<DagSpec, "tasks">["tasks"], index: Map<string, number>): number[] {
  const indegree = tasks.map((t) => t.upstream.filter((u) => index.has(u)).length);
  const queue = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  for (let head = 0; head < queue.length; head++) {
    for (const id of tasks[queue[head]].downstream) {
      const j = index.get(id);
      if (j !== undefined && --indegree[j] === 0) queue.push(j);
    }
  }
  return queue;
}
