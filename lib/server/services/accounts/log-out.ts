// Ends one session: its row is revoked, so the JWT cookie is refused on the next request
// even if a copy of it survives somewhere.
import { writeAuditEvent, type AuditRequest } from "../../audit/write-audit-event";
import { revokeSession, type SessionPrincipal } from "../../auth/sessions";
import { db } from "../../db";

export async function logOut(principal: SessionPrincipal, request: AuditRequest | null = null): Promise<void> {
  await db().$transaction(async (tx) => {
    const ended = await revokeSession(tx, principal.sessionId);
    if (!ended) return; // already ended: nothing changed, nothing to audit
    await writeAuditEvent(tx, {
      action: "user.logout",
      outcome: "success",
      principal: { type: "user", id: principal.userId, name: principal.email },
      target: { type: "session", id: principal.sessionId },
      request,
    });
  });
}
