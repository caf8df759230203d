// The pool store: rows of an environment, the figures Airflow shows per pool (slots held by
// running tries, tries waiting for a slot), and default_pool, which every environment has
// even before its row exists (the row is made on first write here, or on first use by the
// run engine; both insert it with ON CONFLICT DO NOTHING so neither trips the other).
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../../../generated/prisma/client";
import { DEFAULT_POOL_DESCRIPTION, DEFAULT_POOL_NAME, DEFAULT_POOL_SLOTS, POOL_NAME_MAX_LENGTH, poolFigures, poolLockKey, type PoolFigures } from "../../../domain/pool";
import { db } from "../../db";
import { AppError } from "../../errors";

export interface PoolScope {
  organizationId: string;
  environmentId: string;
}

export const poolScopeOf = (access: { organization: { id: string }; environment: { id: string } }): PoolScope => ({
  organizationId: access.organization.id,
  environmentId: access.environment.id,
});

export const poolRowSelect = { id: true, name: true, slots: true, description: true } as const;

/** A pool row; `id` is null for default_pool before its row exists. */
export type PoolRow = Omit<Prisma.PoolGetPayload<{ select: typeof poolRowSelect }>, "id"> & { id: string | null };

type Reader = Pick<Prisma.TransactionClient, "pool" | "taskTry" | "slotWaiter">;

const scopeWhere = (scope: PoolScope) => ({ organizationId: scope.organizationId, environmentId: scope.environmentId });

/** default_pool as it is before anyone wrote its row. */
export const IMPLICIT_DEFAULT_POOL: PoolRow = { id: null, name: DEFAULT_POOL_NAME, slots: DEFAULT_POOL_SLOTS, description: DEFAULT_POOL_DESCRIPTION };

export async function findPoolRow(scope: PoolScope, name: string, client: Reader = db()): Promise<PoolRow | null> {
  if (typeof name !== "string" || name.length === 0 || name.length > POOL_NAME_MAX_LENGTH) return null;
  const row = await client.pool.findFirst({ where: { ...scopeWhere(scope), name }, select: poolRowSelect });
  return row ?? (name === DEFAULT_POOL_NAME ? IMPLICIT_DEFAULT_POOL : null);
}

export async function requirePoolRow(scope: PoolScope, name: string, client?: Reader): Promise<PoolRow> {
  const row = await findPoolRow(scope, name, client);
  if (!row) throw new AppError("not_found", `There is no pool "${name}" in this environment.`);
  return row;
}

/** Makes default_pool's row (128 slots) unless it exists; safe against a concurrent insert. */
export async function ensureDefaultPool(tx: Prisma.TransactionClient, scope: PoolScope): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO pool (id, organization_id, environment_id, name, slots, description, created_at, updated_at)
    VALUES (${randomUUID()}, ${scope.organizationId}, ${scope.environmentId}, ${DEFAULT_POOL_NAME}, ${DEFAULT_POOL_SLOTS}, ${DEFAULT_POOL_DESCRIPTION}, now(), now())
    ON CONFLICT (environment_id, name) DO NOTHING`;
}

/**
 * Takes the lock the run engine claims slots under (so no try starts in the pool until the
 * transaction ends), then reads the row, locked too.
 */
export async function lockPoolRow(tx: Prisma.TransactionClient, scope: PoolScope, name: string): Promise<PoolRow | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${poolLockKey(scope.environmentId, name)}, 0))`;
  const rows = await tx.$queryRaw<PoolRow[]>`
    SELECT id, name, slots, description FROM pool
    WHERE organization_id = ${scope.organizationId} AND environment_id = ${scope.environmentId} AND name = ${name}
    FOR UPDATE`;
  return rows[0] ?? null;
}

export interface PoolUsage {
  /** Sum of pool_slots of the pool's running tries in this environment. */
  runningSlots: number;
  runningTries: number;
  /** Tries of this environment waiting for a slot of the pool. */
  waitingTries: number;
}

/** Usage of the named pools in the environment, from task_try and slot_waiter. */
export async function poolUsage(scope: PoolScope, names: string[], client: Reader = db()): Promise<Map<string, PoolUsage>> {
  const usage = new Map<string, PoolUsage>(names.map((n) => [n, { runningSlots: 0, runningTries: 0, waitingTries: 0 }]));
  if (names.length === 0) return usage;
  const [running, waiting] = await Promise.all([
    client.taskTry.groupBy({
      by: ["pool"],
      where: { state: "running", pool: { in: names }, dagRun: scopeWhere(scope) },
      _sum: { poolSlots: true },
      _count: { _all: true },
    }),
    client.slotWaiter.groupBy({
      by: ["pool"],
      where: { environmentId: scope.environmentId, pool: { in: names }, dagRun: { organizationId: scope.organizationId } },
      _count: { _all: true },
    }),
  ]);
  for (const r of running) {
    const u = r.pool === null ? undefined : usage.get(r.pool);
    if (u) {
      u.runningSlots = r._sum.poolSlots ?? 0;
      u.runningTries = r._count._all;
    }
  }
  for (const w of waiting) {
    const u = usage.get(w.pool);
    if (u) u.waitingTries = w._count._all;
  }
  return usage;
}

/** Airflow's pool body. */
export type PoolView = { name: string } & PoolFigures & { description: string | null; include_deferred: false };

export function poolView(row: PoolRow, usage: PoolUsage | undefined): PoolView {
  return {
    name: row.name,
    ...poolFigures(row.slots, usage?.runningSlots ?? 0, usage?.waitingTries ?? 0),
    description: row.description === "" ? null : row.description,
    include_deferred: false,
  };
}

/** One pool's view with its current usage. */
export async function viewPool(scope: PoolScope, row: PoolRow, client: Reader = db()): Promise<PoolView> {
  return poolView(row, (await poolUsage(scope, [row.name], client)).get(row.name));
}
