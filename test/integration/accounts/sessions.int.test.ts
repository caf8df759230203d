import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../../../lib/server/db";
import { createSession, loadSessionPrincipal, revokeSessionsOfUser } from "../../../lib/server/auth/sessions";
import { logIn } from "../../../lib/server/services/accounts/log-in";
import { logOut } from "../../../lib/server/services/accounts/log-out";
import { changePassword, WRONG_CURRENT_PASSWORD_MESSAGE } from "../../../lib/server/services/accounts/change-password";
import { signUpUser } from "../../factories/users";

afterAll(closeDb);

const request = { ip: "192.0.2.10", userAgent: "vitest", requestId: null };

async function loggedIn(u: { user: { email: string }; password: string }) {
  const result = await logIn({ email: u.user.email, password: u.password }, { ...request, ip: null });
  if (!result.ok) throw new Error(result.message);
  const principal = await loadSessionPrincipal(result.sessionId);
  if (!principal) throw new Error("fresh session refused");
  return principal;
}

describe("sessions", () => {
  it("accepts a live session and refuses it on the next request once logged out", async () => {
    const u = await signUpUser();
    const principal = await loggedIn(u);
    expect(principal).toEqual({ kind: "user", userId: u.user.id, sessionId: principal.sessionId, email: u.user.email, name: u.user.name });

    await logOut(principal, request);
    expect(await loadSessionPrincipal(principal.sessionId)).toBeNull();
    const events = await db().auditEvent.findMany({ where: { action: "user.logout", targetId: principal.sessionId } });
    expect(events).toHaveLength(1);
  });

  it("refuses an expired session, a deleted user's session, and ids that are not sessions", async () => {
    const u = await signUpUser();
    const old = await createSession(db(), { userId: u.user.id, ip: null, userAgent: null, now: new Date(Date.now() - 31 * 24 * 3600_000) });
    expect(await loadSessionPrincipal(old.id)).toBeNull();

    const live = await loggedIn(u);
    await db().user.delete({ where: { id: u.user.id } });
    expect(await loadSessionPrincipal(live.sessionId)).toBeNull();

    for (const id of [undefined, null, "", "not-a-uuid", 42, "x".repeat(1000)]) expect(await loadSessionPrincipal(id)).toBeNull();
  });

  it("revokeSessionsOfUser ends every session of that user but the one kept, and nobody else's", async () => {
    const u = await signUpUser();
    const other = await signUpUser();
    const [a, b, c] = [await loggedIn(u), await loggedIn(u), await loggedIn(u)];
    const bystander = await loggedIn(other);
    expect(await revokeSessionsOfUser(db(), u.user.id, b.sessionId)).toBe(2);
    expect(await loadSessionPrincipal(a.sessionId)).toBeNull();
    expect(await loadSessionPrincipal(b.sessionId)).not.toBeNull();
    expect(await loadSessionPrincipal(c.sessionId)).toBeNull();
    expect(await loadSessionPrincipal(bystander.sessionId)).not.toBeNull();
  });

  it("a password change keeps the current session, ends the others, and only the new password works", async () => {
    const u = await signUpUser();
    const here = await loggedIn(u);
    const elsewhere = await loggedIn(u);

    await expect(changePassword(here, { currentPassword: "not my password", newPassword: "a brand new passphrase" })).rejects.toMatchObject({
      code: "unprocessable",
      details: { currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE },
    });
    await expect(changePassword(here, { currentPassword: u.password, newPassword: "short" })).rejects.toMatchObject({
      details: { newPassword: expect.stringContaining("at least 10") },
    });

    expect(await changePassword(here, { currentPassword: u.password, newPassword: "a brand new passphrase" }, request)).toEqual({ endedSessions: 1 });
    expect(await loadSessionPrincipal(here.sessionId)).not.toBeNull();
    expect(await loadSessionPrincipal(elsewhere.sessionId)).toBeNull();
    expect(await logIn({ email: u.user.email, password: u.password }, { ...request, ip: null })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await logIn({ email: u.user.email, password: "a brand new passphrase" }, { ...request, ip: null })).toMatchObject({ ok: true });
  });
});
