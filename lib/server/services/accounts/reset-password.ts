// Sets a new password from an emailed reset link. The link works once (claimed with a
// conditional update, so two clicks racing cannot both win) and only before it expires.
// Every session of the user ends: whoever knew the old password is out.
import { writeAuditEvent, type AuditRequest } from "../../audit/write-audit-event";
import { hashPassword, passwordProblem } from "../../auth/passwords";
import { hashSecretToken } from "../../auth/secret-tokens";
import { revokeSessionsOfUser } from "../../auth/sessions";
import { db } from "../../db";
import { AppError } from "../../errors";

export const INVALID_RESET_LINK_MESSAGE = "This reset link is invalid, expired or already used. Request a new one.";

/** For the reset page: whether a link can still be used (it is claimed only on submit). */
export async function isResetLinkUsable(token: string, now: Date = new Date()): Promise<boolean> {
  if (typeof token !== "string" || token.length === 0 || token.length > 200) return false;
  const found = await db().passwordResetToken.findUnique({ where: { tokenHash: hashSecretToken(token) }, select: { usedAt: true, expiresAt: true } });
  return Boolean(found && !found.usedAt && found.expiresAt > now);
}

/** Throws AppError "unprocessable": details.token (bad link) or details.password (weak). */
export async function resetPassword(input: { token: string; password: string }, request: AuditRequest | null = null, now: Date = new Date()) {
  const token = String(input.token ?? "");
  const password = String(input.password ?? "");
  const tokenHash = token.length > 0 && token.length <= 200 ? hashSecretToken(token) : "";
  const found = tokenHash
    ? await db().passwordResetToken.findUnique({ where: { tokenHash }, select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } } })
    : null;
  if (!found || found.usedAt || found.expiresAt <= now) {
    throw new AppError("unprocessable", INVALID_RESET_LINK_MESSAGE, { token: INVALID_RESET_LINK_MESSAGE });
  }
  const weak = passwordProblem(password, { email: found.user.email, name: found.user.name });
  if (weak) throw new AppError("unprocessable", weak, { password: weak });
  const passwordHash = await hashPassword(password);

  return db().$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: found.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new AppError("unprocessable", INVALID_RESET_LINK_MESSAGE, { token: INVALID_RESET_LINK_MESSAGE });
    // Other links still in flight would let an old mail reset the password again.
    await tx.passwordResetToken.updateMany({ where: { userId: found.user.id, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: found.user.id }, data: { passwordHash, passwordChangedAt: now } });
    const endedSessions = await revokeSessionsOfUser(tx, found.user.id, undefined, now);
    await writeAuditEvent(tx, {
      action: "user.password_reset",
      outcome: "success",
      principal: { type: "user", id: found.user.id, name: found.user.email },
      target: { type: "user", id: found.user.id },
      request,
      summary: { endedSessions },
    });
    return { email: found.user.email, endedSessions };
  });
}
