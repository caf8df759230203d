// "Forgot password": mails a single-use link that expires in 30 minutes. The answer is
// the same whether or not the email has an account, and so is the timing: all the work
// after the rate limit runs after the response (`defer`), mail delivery included.
import { writeAuditEvent, type AuditRequest } from "../../audit/write-audit-event";
import { sendMail } from "../../auth/mail/send-mail";
import { normalizeEmail } from "../../auth/normalize-email";
import { consumeRateLimits, tooManyAttemptsMessage } from "../../auth/rate-limit";
import { newSecretToken } from "../../auth/secret-tokens";
import { db } from "../../db";

export const RESET_TOKEN_TTL_MINUTES = 30;

export const RESET_REQUESTED_MESSAGE =
  "If an account exists for that email, we have sent a link to reset its password. It works once and expires in 30 minutes.";

// Each account gets at most 5 mails per 15 minutes (no mail-bombing a victim); one
// address may ask 20 times.
export const RESET_LIMITS = {
  account: { limit: 5, windowSeconds: 15 * 60 },
  address: { limit: 20, windowSeconds: 15 * 60 },
};

export interface ResetRequestContext {
  request: AuditRequest | null;
  /** Where the app is reachable, e.g. https://windsock.example.com (links in the mail). */
  baseUrl: string;
  /** Runs work after the response (Next's `after`). Defaults to running it right away. */
  defer?: (task: () => Promise<void>) => void;
}

export type ResetRequestResult = { ok: true; message: string } | { ok: false; message: string; retryAfterSeconds: number };

export async function requestPasswordReset(input: { email: string }, ctx: ResetRequestContext): Promise<ResetRequestResult> {
  const email = normalizeEmail(String(input.email ?? "")).slice(0, 320);
  const limited = await consumeRateLimits([
    { key: `reset:account:${email}`, ...RESET_LIMITS.account },
    ...(ctx.request?.ip ? [{ key: `reset:ip:${ctx.request.ip}`, ...RESET_LIMITS.address }] : []),
  ]);
  if (!limited.allowed) {
    return { ok: false, retryAfterSeconds: limited.retryAfterSeconds, message: tooManyAttemptsMessage(limited.retryAfterSeconds) };
  }
  const task = () => issueResetLink(email, ctx);
  if (ctx.defer) ctx.defer(task);
  else await task();
  return { ok: true, message: RESET_REQUESTED_MESSAGE };
}

async function issueResetLink(email: string, ctx: ResetRequestContext): Promise<void> {
  const user = email.includes("@") ? await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true } }) : null;
  if (!user) {
    await writeAuditEvent(db(), {
      action: "user.password_reset_request",
      outcome: "failure",
      principal: { type: "anonymous", name: email || null },
      request: ctx.request,
      summary: { reason: "unknown_email" },
    });
    return;
  }
  const { token, tokenHash } = newSecretToken();
  await db().$transaction(async (tx) => {
    const created = await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MINUTES * 60_000) },
      select: { id: true },
    });
    await writeAuditEvent(tx, {
      action: "user.password_reset_request",
      outcome: "success",
      principal: { type: "anonymous", name: user.email },
      target: { type: "user", id: user.id },
      request: ctx.request,
      summary: { tokenId: created.id },
    });
  });
  const link = `${ctx.baseUrl.replace(/\/+$/, "")}/reset-password?token=${encodeURIComponent(token)}`;
  // Already after the response when deferred; awaited so a host that ends the request's
  // after-work when its promise settles still delivers the mail.
  await sendMail({
    to: user.email,
    subject: "Reset your Windsock password",
    links: [link],
    text: [
      `Hello ${user.name},`,
      "",
      "Someone (hopefully you) asked to reset the password of your Windsock account.",
      "Open this link to choose a new one. It works once and expires in 30 minutes:",
      "",
      link,
      "",
      "If you did not ask for this, ignore this mail: your password stays as it is.",
      "",
      "Windsock",
    ].join("\n"),
  });
}
