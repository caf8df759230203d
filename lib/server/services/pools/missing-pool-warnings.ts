// A DAG naming a pool the environment does not have deploys (its tasks wait for the pool, as
// in Airflow), but the editor and the deploy answer say so first, naming the tasks.
import { DEFAULT_POOL_NAME } from "../../../domain/pool/defaults";
import type { DagSpec } from "../../../domain/dag/spec";
import { db } from "../../db";
import type { DagFileProblem } from "../dags/check-dag-file";

export async function missingPoolWarnings(environment: { id: string; slug: string }, spec: Pick<DagSpec, "tasks">): Promise<DagFileProblem[]> {
  const users = new Map<string, string[]>();
  for (const t of spec.tasks) {
    if (t.pool === DEFAULT_POOL_NAME) continue;
    users.set(t.pool, [...(users.get(t.pool) ?? []), t.task_id]);
  }
  if (!users.size) return [];
  const found = await db().pool.findMany({ where: { environmentId: environment.id, name: { in: [...users.keys()] } }, select: { name: true } });
  const have = new Set(found.map((p) => p.name));
  return [...users]
    .filter(([pool]) => !have.has(pool))
    .map(([pool, tasks]) => ({
      severity: "warning" as const,
      line: null,
      column: null,
      field: "",
      message: `pool "${pool}" does not exist in ${environment.slug} (used by ${tasks.length > 3 ? `${tasks.slice(0, 3).join(", ")} and ${tasks.length - 3} more` : tasks.join(", ")}): those tasks will wait until it is made`,
      hint: `Create it on the Pools tab, or with POST /api/v1/environments/${environment.id}/pools.`,
    }));
}
