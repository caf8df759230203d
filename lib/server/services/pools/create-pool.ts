// `POST …/pools`: a new pool of the environment (409 when the name is taken; default_pool
// always is).
import { randomUUID } from "node:crypto";
import { DEFAULT_POOL_NAME } from "../../../domain/pool";
import { mutate, type Access } from "../../authz";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { parseCreatePool } from "./pool-input";
import { wakeRunsWaitingFor } from "./waiting-runs";
import { poolRowSelect, poolScopeOf, viewPool, type PoolView } from "./pool-store";

const taken = (name: string) =>
  new AppError(
    "conflict",
    name === DEFAULT_POOL_NAME
      ? `"${DEFAULT_POOL_NAME}" exists in every environment. Change its slots with PATCH, or pick another name.`
      : `A pool "${name}" already exists in this environment. Change its slots with PATCH, or pick another name.`,
    { name: "is already used in this environment" },
  );

export async function createPool(access: Access<"pool.write">, body: Record<string, unknown>): Promise<PoolView> {
  const input = parseCreatePool(body);
  if (input.name === DEFAULT_POOL_NAME) throw taken(input.name);
  const scope = poolScopeOf(access);
  const id = randomUUID();
  try {
    const row = await mutate(access, "pool.create", { type: "pool", id }, async (tx, audit) => {
      audit.summary = { name: input.name, slots: input.slots, has_description: !!input.description };
      return tx.pool.create({ data: { id, ...scope, name: input.name, slots: input.slots, description: input.description ?? "" }, select: poolRowSelect });
    });
    // Tasks may already wait for a pool of this name (Airflow holds them too): they start now.
    await wakeRunsWaitingFor(scope.environmentId, row.name);
    return viewPool(scope, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.name);
    throw error;
  }
}
