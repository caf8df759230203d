// A signed-in user changes their password. The session that made the change stays
// logged in; every OTHER session of the user ends at once (docs/decisions/0004-sessions.md).
import { writeAuditEvent, type AuditRequest } from "../../audit/write-audit-event";
import { hashPassword, passwordProblem, verifyPassword } from "../../auth/passwords";
import { consumeRateLimits, tooManyAttemptsMessage } from "../../auth/rate-limit";
import { revokeSessionsOfUser, type SessionPrincipal } from "../../auth/sessions";
import { db } from "../../db";
import { AppError } from "../../errors";

export const WRONG_CURRENT_PASSWORD_MESSAGE = "Your current password is not correct.";

/** Throws AppError "unprocessable" with details.currentPassword / details.newPassword, or "rate_limited". */
export async function changePassword(
  principal: SessionPrincipal,
  input: { currentPassword: string; newPassword: string },
  request: AuditRequest | null = null,
): Promise<{ endedSessions: number }> {
  const limited = await consumeRateLimits([{ key: `password-change:user:${principal.userId}`, limit: 10, windowSeconds: 15 * 60 }]);
  if (!limited.allowed) throw new AppError("rate_limited", tooManyAttemptsMessage(limited.retryAfterSeconds));

  const user = await db().user.findUnique({ where: { id: principal.userId }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (!user) throw new AppError("unauthenticated", "Your session has ended. Log in again.");
  const currentPassword = String(input.currentPassword ?? "");
  const newPassword = String(input.newPassword ?? "");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("unprocessable", WRONG_CURRENT_PASSWORD_MESSAGE, { currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE });
  }
  const weak = newPassword === currentPassword ? "Choose a password different from your current one." : passwordProblem(newPassword, user);
  if (weak) throw new AppError("unprocessable", weak, { newPassword: weak });
  const passwordHash = await hashPassword(newPassword);

  return db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } });
    const endedSessions = await revokeSessionsOfUser(tx, user.id, principal.sessionId);
    await writeAuditEvent(tx, {
      action: "user.password_change",
      outcome: "success",
      principal: { type: "user", id: user.id, name: user.email },
      target: { type: "user", id: user.id },
      request,
      summary: { endedSessions },
    });
    return { endedSessions };
  });
}
