// Checks an email and password and opens a Session row. Called by next-auth's Credentials
// provider; the answer for a wrong password and for an unknown email is the same, and
// takes the same time (a dummy hash is verified when the email has no account).
import { writeAuditEvent, type AuditRequest } from "../../audit/write-audit-event";
import { normalizeEmail } from "../../auth/normalize-email";
import { ARGON2_OPTIONS, hashPassword, verifyDummyPassword, verifyPassword } from "../../auth/passwords";
import { checkRateLimits, clearRateLimit, recordAttempts, tooManyAttemptsMessage } from "../../auth/rate-limit";
import { createSession } from "../../auth/sessions";
import { db } from "../../db";

export const INVALID_LOGIN_MESSAGE = "Incorrect email or password.";

// Failed logins only: an account may fail 10 times per 15 minutes, one address 50 times
// (an office behind one NAT), which still makes spraying many accounts slow. Successful
// logins cost nothing, so a busy office or a test suite never locks itself out.
export const LOGIN_LIMITS = {
  account: { limit: 10, windowSeconds: 15 * 60 },
  address: { limit: 50, windowSeconds: 15 * 60 },
};

export type LogInResult =
  | { ok: true; user: { id: string; email: string; name: string }; sessionId: string }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "rate_limited"; message: string; retryAfterSeconds: number };

export async function logIn(input: { email: string; password: string }, request: AuditRequest): Promise<LogInResult> {
  const email = normalizeEmail(String(input.email ?? "")).slice(0, 320);
  const password = String(input.password ?? "").slice(0, 1024);
  const accountKey = `login:account:${email}`;
  const limits = [
    { key: accountKey, ...LOGIN_LIMITS.account },
    ...(request.ip ? [{ key: `login:ip:${request.ip}`, ...LOGIN_LIMITS.address }] : []),
  ];
  const limited = await checkRateLimits(limits);
  if (!limited.allowed) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: limited.retryAfterSeconds, message: tooManyAttemptsMessage(limited.retryAfterSeconds) };
  }

  const user = email ? await db().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } }) : null;
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyDummyPassword(password);

  if (!user || !valid) {
    // The same writes happen for both cases, so the timing does not tell them apart.
    await recordAttempts(limits);
    await writeAuditEvent(db(), {
      action: "user.login",
      outcome: "failure",
      principal: { type: "anonymous", name: email || null },
      target: { type: "user", id: user?.id ?? null },
      request,
      summary: { reason: "invalid_credentials" },
    });
    return { ok: false, reason: "invalid", message: INVALID_LOGIN_MESSAGE };
  }

  const session = await db().$transaction(async (tx) => {
    if (!user.passwordHash.startsWith(currentHashPrefix())) {
      // Parameters were raised since this hash was made: upgrade it while we know the password.
      await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
    }
    const created = await createSession(tx, { userId: user.id, ip: request.ip, userAgent: request.userAgent });
    await writeAuditEvent(tx, {
      action: "user.login",
      outcome: "success",
      principal: { type: "user", id: user.id, name: user.email },
      target: { type: "session", id: created.id },
      request,
    });
    return created;
  });
  await clearRateLimit(accountKey);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, sessionId: session.id };
}

function currentHashPrefix(): string {
  const o = ARGON2_OPTIONS;
  return `$argon2id$v=19$m=${o.memoryCost},t=${o.timeCost},p=${o.parallelism}$`;
}
