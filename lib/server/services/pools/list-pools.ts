// `GET …/pools`: the environment's pools with Airflow's figures, default_pool first (it is
// listed even before its row exists), then the others by name.
import { DEFAULT_POOL_NAME } from "../../../domain/pool";
import type { Access } from "../../authz";
import { db } from "../../db";
import type { ListQuery } from "../connections/list-query";
import { findPoolRow, poolRowSelect, poolScopeOf, poolUsage, poolView, type PoolRow, type PoolView } from "./pool-store";

export async function listPools(access: Access<"pool.read" | "pool.write">, query: ListQuery = { limit: 100, offset: 0 }): Promise<{ pools: PoolView[]; total_entries: number }> {
  const scope = poolScopeOf(access);
  const others = { organizationId: scope.organizationId, environmentId: scope.environmentId, name: { not: DEFAULT_POOL_NAME } };
  // default_pool takes position 0, so the other rows shift by one.
  const onFirstPage = query.offset === 0;
  const [defaultRow, otherCount, otherRows] = await Promise.all([
    onFirstPage ? findPoolRow(scope, DEFAULT_POOL_NAME) : Promise.resolve(null),
    db().pool.count({ where: others }),
    db().pool.findMany({ where: others, orderBy: { name: "asc" }, skip: onFirstPage ? 0 : query.offset - 1, take: onFirstPage ? query.limit - 1 : query.limit, select: poolRowSelect }),
  ]);
  const rows: PoolRow[] = [...(defaultRow ? [defaultRow] : []), ...otherRows];
  const usage = await poolUsage(scope, rows.map((r) => r.name));
  return { pools: rows.map((r) => poolView(r, usage.get(r.name))), total_entries: otherCount + 1 };
}
