// Who is calling, for pages, server actions and route handlers. The access gate
// (lib/server/authz) calls this; nothing else should read the next-auth session.
import { cache } from "react";
import { auth } from "./next-auth";
import { loadSessionPrincipal, revokeSessionsOfUser, type SessionPrincipal } from "./sessions";

export type { SessionPrincipal };
export { revokeSessionsOfUser };

// One lookup per request: a page, its layout and its components share it.
const lookup = cache(async (): Promise<SessionPrincipal | null> => {
  const session = await auth().catch(() => null);
  return loadSessionPrincipal((session as { sessionId?: unknown } | null)?.sessionId);
});

/**
 * The signed-in user, or null. Verifies the JWT cookie (next-auth), then checks its
 * Session row (not revoked, not expired, user exists) with one query by primary key.
 */
export async function currentSession(): Promise<SessionPrincipal | null> {
  return lookup();
}
