// API token rows, always scoped: by the secret's hash (the credential itself) or by the
// environment the gate resolved. The secret is never stored, only its SHA-256.
import type { Prisma } from "../../../generated/prisma/client";
import { db } from "../db";

type Tx = Prisma.TransactionClient;

export interface ApiTokenRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  environmentId: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  createdBy: { id: string; name: string; email: string } | null;
}

const rowSelect = {
  id: true,
  name: true,
  role: true,
  prefix: true,
  environmentId: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  createdById: true,
} as const;

/** What authentication needs: the token and where it points (the workspace read from its environment). */
export async function findApiTokenByHash(tokenHash: string) {
  return db().apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      name: true,
      role: true,
      organizationId: true,
      environmentId: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      lastUsedIp: true,
      environment: { select: { workspaceId: true, organizationId: true } },
    },
  });
}

/** Records use; only when the last record is older than `olderThan`, so most requests write nothing. */
export async function touchApiToken(id: string, at: Date, ip: string | null, olderThan: Date): Promise<void> {
  await db().apiToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: olderThan } }] },
    data: { lastUsedAt: at, lastUsedIp: ip },
  });
}

export async function insertApiToken(
  tx: Tx,
  data: {
    organizationId: string;
    workspaceId: string;
    environmentId: string;
    name: string;
    role: string;
    tokenHash: string;
    prefix: string;
    createdById: string | null;
    expiresAt: Date;
  },
) {
  return tx.apiToken.create({ data, select: { id: true, name: true, role: true, prefix: true, createdAt: true, expiresAt: true } });
}

/** Tokens of one environment, newest first, with who created them (users of the same organization only). */
export async function listApiTokensOfEnvironment(organizationId: string, environmentId: string): Promise<ApiTokenRow[]> {
  return listApiTokensOfEnvironments(organizationId, [environmentId]);
}

/** Tokens of several environments of one organization, newest first. */
export async function listApiTokensOfEnvironments(organizationId: string, environmentIds: string[]): Promise<ApiTokenRow[]> {
  if (environmentIds.length === 0) return [];
  const rows = await db().apiToken.findMany({
    where: { organizationId, environmentId: { in: environmentIds } },
    orderBy: { createdAt: "desc" },
    select: rowSelect,
  });
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const creators = creatorIds.length
    ? await db().user.findMany({
        where: { id: { in: creatorIds }, memberships: { some: { organizationId } } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const byId = new Map(creators.map((c) => [c.id, c]));
  return rows.map(({ createdById, ...row }) => ({ ...row, createdBy: (createdById && byId.get(createdById)) || null }));
}

export async function findApiTokenInEnvironment(tx: Tx, organizationId: string, environmentId: string, id: string) {
  if (id.length > 128) return null;
  return tx.apiToken.findFirst({ where: { id, organizationId, environmentId }, select: { id: true, name: true, role: true, prefix: true, revokedAt: true } });
}

export async function markApiTokenRevoked(tx: Tx, id: string, at: Date): Promise<boolean> {
  const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  return count > 0;
}
