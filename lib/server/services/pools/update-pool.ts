// `PATCH …/pools/{pool_name}`: resize and/or describe a pool; fields left out (or outside
// `update_mask`) keep their values, `description: null` clears it. Shrinking below what
// running tries hold is allowed (open_slots goes negative; nothing new starts until they
// finish), as in Airflow. default_pool's row is made here on its first change.
import { DEFAULT_POOL_NAME } from "../../../domain/pool";
import { mutate, type Access } from "../../authz";
import { AppError } from "../../errors";
import { parsePatchPool } from "./pool-input";
import { wakeRunsWaitingFor } from "./waiting-runs";
import { ensureDefaultPool, lockPoolRow, poolRowSelect, poolScopeOf, requirePoolRow, viewPool, type PoolView } from "./pool-store";

export async function updatePool(access: Access<"pool.write">, name: string, body: Record<string, unknown>, updateMask: string[] | null = null): Promise<PoolView> {
  const scope = poolScopeOf(access);
  await requirePoolRow(scope, name);
  const patch = parsePatchPool(name, body, updateMask);
  const row = await mutate(access, "pool.update", { type: "pool" }, async (tx, audit) => {
    if (name === DEFAULT_POOL_NAME) await ensureDefaultPool(tx, scope);
    const before = await lockPoolRow(tx, scope, name);
    if (!before?.id) throw new AppError("not_found", `There is no pool "${name}" in this environment.`);
    audit.targetId = before.id;
    const description = patch.description === undefined ? before.description : (patch.description ?? "");
    const slots = patch.slots ?? before.slots;
    audit.summary = {
      name,
      changed: [...(slots !== before.slots ? ["slots"] : []), ...(description !== before.description ? ["description"] : [])],
      ...(slots !== before.slots ? { slots: { from: before.slots, to: slots } } : {}),
    };
    const grew = (slots < 0 && before.slots >= 0) || (before.slots >= 0 && slots > before.slots);
    return { ...(await tx.pool.update({ where: { id: before.id, ...scope }, data: { slots, description }, select: poolRowSelect })), grew };
  });
  // More slots: tasks waiting for this pool start now instead of on their workflow's timer.
  if (row.grew) await wakeRunsWaitingFor(scope.environmentId, name);
  return viewPool(scope, row);
}
