import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { closeDb, db } from "../../../lib/server/db";
import { INVALID_LOGIN_MESSAGE, LOGIN_LIMITS, logIn } from "../../../lib/server/services/accounts/log-in";
import { consumeRateLimits } from "../../../lib/server/auth/rate-limit";
import { SIGNUP_LIMIT, signUp } from "../../../lib/server/services/accounts/sign-up";
import { signUpUser } from "../../factories/users";

afterAll(closeDb);

// A fresh address per test keeps the per-address limit of one test out of the others.
const from = (ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 4)}`) => ({ ip, userAgent: "vitest", requestId: null });

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe("log-in", () => {
  it("opens a Session row for the right password", async () => {
    const u = await signUpUser();
    const result = await logIn({ email: `  ${u.user.email.toUpperCase()} `, password: u.password }, from());
    expect(result).toMatchObject({ ok: true, user: { id: u.user.id, email: u.user.email } });
    if (!result.ok) return;
    const session = await db().session.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ userId: u.user.id, revokedAt: null, userAgent: "vitest" });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
  });

  it("gives a wrong password and an unknown email the same answer, in about the same time", async () => {
    const u = await signUpUser();
    const wrong = await logIn({ email: u.user.email, password: "not the password at all" }, from());
    const unknown = await logIn({ email: `nobody-${randomUUID()}@example.com`, password: "not the password at all" }, from());
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: INVALID_LOGIN_MESSAGE });
    expect(unknown).toEqual(wrong);

    const time = async (email: string) => {
      const t = performance.now();
      await logIn({ email, password: "not the password at all" }, from());
      return performance.now() - t;
    };
    const known: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(u.user.email));
      missing.push(await time(`nobody-${randomUUID()}@example.com`));
    }
    // Both verify an argon2id hash; without the dummy hash the unknown email would be ~50x faster.
    const ratio = median(missing) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it("stops an account after 10 attempts, even with the right password, and says when to come back", async () => {
    const u = await signUpUser();
    for (let i = 0; i < LOGIN_LIMITS.account.limit; i++) {
      expect(await logIn({ email: u.user.email, password: `wrong guess ${i}` }, from())).toMatchObject({ reason: "invalid" });
    }
    const limited = await logIn({ email: u.user.email, password: u.password }, from());
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited", message: "Too many attempts. Try again in 15 minutes." });
    // An unknown email is limited in exactly the same way, so the limit reveals nothing.
    const ghost = `ghost-${randomUUID()}@example.com`;
    for (let i = 0; i < LOGIN_LIMITS.account.limit; i++) await logIn({ email: ghost, password: "guess guess guess" }, from());
    expect(await logIn({ email: ghost, password: "guess guess guess" }, from())).toMatchObject({ reason: "rate_limited" });
  });

  it("counts failures only: a successful login clears the account's count and costs the address nothing", async () => {
    const u = await signUpUser();
    const address = from();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_LIMITS.account.limit - 1; i++) await logIn({ email: u.user.email, password: `wrong ${i}` }, address);
      expect(await logIn({ email: u.user.email, password: u.password }, address)).toMatchObject({ ok: true });
    }
    const bucket = await db().rateLimitBucket.findUnique({ where: { key: `login:ip:${address.ip}` } });
    expect(bucket?.count).toBe(2 * (LOGIN_LIMITS.account.limit - 1));
  });

  it("limits accounts created from one address", async () => {
    const address = from();
    for (let i = 0; i < SIGNUP_LIMIT.limit; i++) {
      await signUp({ email: `bulk-${randomUUID()}@example.com`, name: "Bulk", password: "bulk password 1234", organizationName: "Bulk Org" }, address);
    }
    await expect(
      signUp({ email: `bulk-${randomUUID()}@example.com`, name: "Bulk", password: "bulk password 1234", organizationName: "Bulk Org" }, address),
    ).rejects.toMatchObject({ code: "rate_limited", message: "Too many attempts. Try again in 60 minutes." });
  });

  it("stops one address trying many accounts", async () => {
    const address = from(`203.0.113.${Math.floor(Math.random() * 250) + 1}`);
    const u = await signUpUser();
    for (let i = 0; i < LOGIN_LIMITS.address.limit; i++) {
      await consumeRateLimits([{ key: `login:ip:${address.ip}`, ...LOGIN_LIMITS.address }]);
    }
    expect(await logIn({ email: u.user.email, password: u.password }, address)).toMatchObject({ reason: "rate_limited" });
    // Another address is not affected.
    expect(await logIn({ email: u.user.email, password: u.password }, from())).toMatchObject({ ok: true });
  });

  it("opens a new window once the old one has passed", async () => {
    const key = `test:${randomUUID()}`;
    const rule = { key, limit: 2, windowSeconds: 60 };
    const t0 = new Date();
    expect(await consumeRateLimits([rule], t0)).toEqual({ allowed: true });
    expect(await consumeRateLimits([rule], new Date(t0.getTime() + 1000))).toEqual({ allowed: true });
    expect(await consumeRateLimits([rule], new Date(t0.getTime() + 30_000))).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(await consumeRateLimits([rule], new Date(t0.getTime() + 61_000))).toEqual({ allowed: true });
  });
});
