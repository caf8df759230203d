// Server-side session rows. The next-auth JWT only carries Session.id; this table decides
// whether that id is still good, so logout, password change and member removal end a
// session on the very next request (docs/decisions/0004-sessions.md).
import type { Prisma } from "../../../generated/prisma/client";
import { db } from "../db";

/** How long a login lasts. The JWT's maxAge is the same, so both end together. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** lastSeenAt is refreshed at most this often, so most requests stay read-only. */
const LAST_SEEN_RESOLUTION_MS = 10 * 60 * 1000;

export type SessionPrincipal = { kind: "user"; userId: string; sessionId: string; email: string; name: string };

type Tx = Prisma.TransactionClient;

export async function createSession(
  tx: Pick<Tx, "session">,
  input: { userId: string; ip: string | null; userAgent: string | null; now?: Date },
): Promise<{ id: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  return tx.session.create({
    data: {
      userId: input.userId,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    select: { id: true, expiresAt: true },
  });
}

/**
 * The one check every request goes through: the row exists, is not revoked, has not
 * expired, and its user still exists (the row cascades away with the user). One query
 * by primary key. Anything malformed simply matches nothing.
 */
export async function loadSessionPrincipal(sessionId: unknown, now: Date = new Date()): Promise<SessionPrincipal | null> {
  if (typeof sessionId !== "string" || sessionId.length === 0 || sessionId.length > 64) return null;
  const row = await db().session.findUnique({
    where: { id: sessionId },
    select: { id: true, expiresAt: true, revokedAt: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    // Best effort: a failed touch must not log anybody out.
    await db()
      .session.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastSeenAt: now } })
      .catch(() => undefined);
  }
  return { kind: "user", userId: row.user.id, sessionId: row.id, email: row.user.email, name: row.user.name };
}

export async function revokeSession(tx: Pick<Tx, "session">, sessionId: string, now: Date = new Date()): Promise<boolean> {
  const { count } = await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
  return count > 0;
}

/**
 * Ends every live session of a user, except `exceptSessionId` when given (the session
 * that changed the password stays logged in). Used by password change and reset, and
 * by member removal (issue 7). Returns how many sessions ended.
 */
export async function revokeSessionsOfUser(
  tx: Pick<Tx, "session">,
  userId: string,
  exceptSessionId?: string,
  now: Date = new Date(),
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}
