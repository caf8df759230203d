import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { closeDb, db } from "../../../lib/server/db";
import { env, resetEnvForTests } from "../../../lib/server/env";
import { flushMail } from "../../../lib/server/auth/mail/send-mail";
import { loadSessionPrincipal } from "../../../lib/server/auth/sessions";
import { logIn } from "../../../lib/server/services/accounts/log-in";
import { RESET_LIMITS, RESET_REQUESTED_MESSAGE, requestPasswordReset } from "../../../lib/server/services/accounts/request-password-reset";
import { INVALID_RESET_LINK_MESSAGE, resetPassword } from "../../../lib/server/services/accounts/reset-password";
import { signUpUser } from "../../factories/users";

let outbox: string;
beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined); // the outbox prints every link
  outbox = fs.mkdtempSync(path.join(os.tmpdir(), "windsock-outbox-"));
  process.env.OUTBOX_DIR = outbox;
  delete process.env.SMTP_URL;
  resetEnvForTests();
  expect(env().OUTBOX_DIR).toBe(outbox);
});
afterAll(async () => {
  await closeDb();
  fs.rmSync(outbox, { recursive: true, force: true });
});

const ctx = () => ({ request: { ip: `192.0.2.${Math.floor(Math.random() * 250) + 1}`, userAgent: "vitest", requestId: null }, baseUrl: "https://windsock.test/" });
const noIp = { ip: null, userAgent: null, requestId: null };

function mailsTo(email: string) {
  return fs
    .readdirSync(outbox)
    .filter((f) => f.includes(email))
    .map((f) => fs.readFileSync(path.join(outbox, f), "utf8"));
}

async function resetLinkFor(email: string): Promise<string> {
  const result = await requestPasswordReset({ email }, ctx());
  expect(result).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE });
  await flushMail();
  const mail = mailsTo(email).at(-1)!;
  const link = mail.match(/https:\/\/windsock\.test\/reset-password\?token=[A-Za-z0-9_-]+/)?.[0];
  expect(link).toBeDefined();
  return link!;
}

describe("password reset", () => {
  it("mails a link that sets a new password once, ends every session, and then stops working", async () => {
    const u = await signUpUser();
    const login = await logIn({ email: u.user.email, password: u.password }, noIp);
    if (!login.ok) throw new Error("login failed");

    const link = await resetLinkFor(u.user.email);
    const token = new URL(link).searchParams.get("token")!;
    const stored = await db().passwordResetToken.findFirstOrThrow({ where: { userId: u.user.id } });
    expect(stored.tokenHash).not.toBe(token); // only the hash is stored

    expect(await resetPassword({ token, password: "my fresh new passphrase" })).toMatchObject({ email: u.user.email, endedSessions: 1 });
    expect(await loadSessionPrincipal(login.sessionId)).toBeNull();
    expect(await logIn({ email: u.user.email, password: "my fresh new passphrase" }, noIp)).toMatchObject({ ok: true });
    expect(await logIn({ email: u.user.email, password: u.password }, noIp)).toMatchObject({ ok: false, reason: "invalid" });

    await expect(resetPassword({ token, password: "yet another passphrase" })).rejects.toMatchObject({
      code: "unprocessable",
      message: INVALID_RESET_LINK_MESSAGE,
    });
  });

  it("refuses an expired link, and a second link still in the mail once the first was used", async () => {
    const u = await signUpUser();
    const first = new URL(await resetLinkFor(u.user.email)).searchParams.get("token")!;
    const second = new URL(await resetLinkFor(u.user.email)).searchParams.get("token")!;
    const in31Minutes = new Date(Date.now() + 31 * 60_000);
    await expect(resetPassword({ token: first, password: "too late passphrase" }, null, in31Minutes)).rejects.toMatchObject({ message: INVALID_RESET_LINK_MESSAGE });

    await resetPassword({ token: first, password: "in time passphrase" });
    await expect(resetPassword({ token: second, password: "second link passphrase" })).rejects.toMatchObject({ message: INVALID_RESET_LINK_MESSAGE });
  });

  it("only one of two simultaneous uses of a link wins", async () => {
    const u = await signUpUser();
    const token = new URL(await resetLinkFor(u.user.email)).searchParams.get("token")!;
    const results = await Promise.allSettled([
      resetPassword({ token, password: "racer one passphrase" }),
      resetPassword({ token, password: "racer two passphrase" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("keeps a weak password out and leaves the link usable", async () => {
    const u = await signUpUser();
    const token = new URL(await resetLinkFor(u.user.email)).searchParams.get("token")!;
    await expect(resetPassword({ token, password: "short" })).rejects.toMatchObject({ details: { password: expect.stringContaining("at least 10") } });
    await expect(resetPassword({ token, password: "long enough passphrase" })).resolves.toMatchObject({ email: u.user.email });
  });

  it("answers an unknown email exactly like a known one, and sends nothing", async () => {
    const email = `nobody-${randomUUID()}@example.com`;
    expect(await requestPasswordReset({ email }, ctx())).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE });
    await flushMail();
    expect(mailsTo(email)).toEqual([]);
  });

  it("limits requests per account", async () => {
    const u = await signUpUser();
    for (let i = 0; i < RESET_LIMITS.account.limit; i++) expect((await requestPasswordReset({ email: u.user.email }, ctx())).ok).toBe(true);
    expect(await requestPasswordReset({ email: u.user.email }, ctx())).toMatchObject({ ok: false, message: "Too many attempts. Try again in 15 minutes." });
    await flushMail();
    expect(mailsTo(u.user.email)).toHaveLength(RESET_LIMITS.account.limit);
  });

  it("refuses garbage tokens", async () => {
    for (const token of ["", "abc", "x".repeat(5000)]) {
      await expect(resetPassword({ token, password: "long enough passphrase" })).rejects.toMatchObject({ message: INVALID_RESET_LINK_MESSAGE });
    }
  });
});
