// `DELETE …/pools/{pool_name}`. default_pool cannot be deleted (Airflow refuses too), nor a
// pool whose slots running tries hold. It takes the lock the run engine claims slots under
// first, so a try cannot start in the pool between the count and the delete.
import { DEFAULT_POOL_NAME } from "../../../domain/pool";
import { mutate, type Access } from "../../authz";
import { AppError } from "../../errors";
import { lockPoolRow, poolScopeOf, poolUsage, requirePoolRow } from "./pool-store";

export async function deletePool(access: Access<"pool.write">, name: string): Promise<void> {
  const scope = poolScopeOf(access);
  if (name === DEFAULT_POOL_NAME) {
    throw new AppError(
      "bad_request",
      `${DEFAULT_POOL_NAME} cannot be deleted: every task that names no pool runs in it. Change its slots instead (0 stops its tasks from starting).`,
    );
  }
  await requirePoolRow(scope, name);
  await mutate(access, "pool.delete", { type: "pool" }, async (tx, audit) => {
    const row = await lockPoolRow(tx, scope, name);
    if (!row?.id) throw new AppError("not_found", `There is no pool "${name}" in this environment.`);
    const usage = (await poolUsage(scope, [name], tx)).get(name);
    if (usage && usage.runningTries > 0) {
      const tries = usage.runningTries === 1 ? "1 running task try holds" : `${usage.runningTries} running task tries hold`;
      throw new AppError("conflict", `Pool "${name}" is in use: ${tries} ${usage.runningSlots} of its slots. Delete it when they have finished.`, {
        running_tries: usage.runningTries,
        running_slots: usage.runningSlots,
      });
    }
    audit.targetId = row.id;
    audit.summary = { name, slots: row.slots, waiting_tries: usage?.waitingTries ?? 0 };
    await tx.pool.deleteMany({ where: { id: row.id, ...scope } });
  });
}
