// `GET …/pools/{pool_name}`: one pool with its figures (default_pool always exists).
import type { Access } from "../../authz";
import { poolScopeOf, requirePoolRow, viewPool, type PoolView } from "./pool-store";

export async function getPool(access: Access<"pool.read" | "pool.write">, name: string): Promise<PoolView> {
  const scope = poolScopeOf(access);
  return viewPool(scope, await requirePoolRow(scope, name));
}
