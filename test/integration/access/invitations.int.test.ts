// Invitations: a hashed, single-use link that expires in 7 days; accepting (signed in with
// the invited address, or signing up from the link) joins the organization and exactly
// the invitation's groups; revoked, expired and used links are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { hashSecretToken } from "../../../lib/server/auth/secret-tokens";
import { closeDb, db } from "../../../lib/server/db";
import { acceptInvitation, INVALID_INVITATION_MESSAGE, signUpFromInvitation } from "../../../lib/server/services/access/accept-invitation";
import { createGroup } from "../../../lib/server/services/access/create-group";
import { createRoleBinding } from "../../../lib/server/services/access/create-role-binding";
import { findInvitation } from "../../../lib/server/services/access/find-invitation";
import { inviteMember } from "../../../lib/server/services/access/invite-member";
import { revokeInvitation } from "../../../lib/server/services/access/revoke-invitation";
import { envSlugs, makeMember, makeTenant, makeUser, type Tenant } from "../authz-gate/fixtures";
import { lastEvent, refusal } from "./helpers";

let acme: Tenant;
let dataTeam: { id: string };
beforeAll(async () => {
  acme = await makeTenant("Acme");
  dataTeam = await createGroup(await checkAccess(acme.owner, "group.manage", org(acme)), { name: "Data team" });
  const bind = await checkAccess(acme.owner, "organization.view", org(acme));
  await createRoleBinding(bind, { groupId: dataTeam.id, scope: { type: "environment", environmentId: acme.environments.dev.id }, role: "editor" });
  await createRoleBinding(bind, { groupId: dataTeam.id, scope: { type: "environment", environmentId: acme.environments.prd.id }, role: "viewer" });
});
afterAll(() => closeDb());

const org = (t: Tenant) => ({ orgSlug: t.organization.slug });
const BASE = "https://windsock.example";
const tokenOf = (link: string) => decodeURIComponent(link.slice(`${BASE}/invite/`.length));
const invite = async (email: string, now?: Date) =>
  inviteMember(await checkAccess(acme.owner, "member.invite", org(acme)), { email, groupIds: [dataTeam.id] }, { baseUrl: BASE, now });

describe("invitations", () => {
  it("signing up from the link joins exactly the invitation's groups, once; the token is stored only hashed", async () => {
    const email = `new-${Date.now()}@example.test`;
    const sent = await invite(email.toUpperCase());
    expect(sent.email).toBe(email);
    const row = await db().invitation.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.tokenHash).toBe(hashSecretToken(tokenOf(sent.link)));
    expect(JSON.stringify(row)).not.toContain(tokenOf(sent.link));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 3600_000);
    expect(await findInvitation(tokenOf(sent.link))).toMatchObject({ state: "usable", invitation: { email, groups: ["Data team"] } });

    const joined = await signUpFromInvitation(tokenOf(sent.link), { name: "Nora New", password: "a long enough passphrase" });
    expect(joined.groups).toEqual(["Data team"]);
    const nora = { kind: "user" as const, userId: joined.user.id, sessionId: "n/a", email, name: "Nora New" };
    expect((await checkAccess(nora, "dag.deploy", envSlugs(acme, "dev"))).role).toBe("editor");
    expect((await checkAccess(nora, "dag.read", envSlugs(acme, "prd"))).role).toBe("viewer");
    expect((await refusal(checkAccess(nora, "dag.trigger", envSlugs(acme, "prd")))).code).toBe("forbidden");
    expect((await refusal(checkAccess(nora, "dag.read", envSlugs(acme, "stg")))).code).toBe("not_found");
    expect(await lastEvent({ organizationId: acme.organization.id, action: "invitation.accept" })).toMatchObject({ principalId: joined.user.id, targetId: sent.id });

    // Single use: the same link again is refused, however it is used.
    const again = await refusal(signUpFromInvitation(tokenOf(sent.link), { name: "Mallory", password: "another long passphrase" }));
    expect(again.message).toBe(INVALID_INVITATION_MESSAGE);
    expect(await findInvitation(tokenOf(sent.link))).toMatchObject({ state: "accepted" });
  });

  it("expires after 7 days", async () => {
    const past = new Date(Date.now() - 8 * 24 * 3600_000);
    const sent = await invite(`late-${Date.now()}@example.test`, past);
    expect(await findInvitation(tokenOf(sent.link))).toMatchObject({ state: "expired" });
    expect((await refusal(signUpFromInvitation(tokenOf(sent.link), { name: "Late", password: "a long enough passphrase" }))).message).toBe(INVALID_INVITATION_MESSAGE);
  });

  it("a revoked link stops working; inviting again replaces the pending link", async () => {
    const email = `rev-${Date.now()}@example.test`;
    const first = await invite(email);
    const second = await invite(email);
    expect(await findInvitation(tokenOf(first.link))).toMatchObject({ state: "revoked" });
    await revokeInvitation(await checkAccess(acme.owner, "member.invite", org(acme)), second.id);
    expect(await findInvitation(tokenOf(second.link))).toMatchObject({ state: "revoked" });
    expect((await refusal(signUpFromInvitation(tokenOf(second.link), { name: "Rev", password: "a long enough passphrase" }))).code).toBe("unprocessable");
    expect(await lastEvent({ organizationId: acme.organization.id, action: "invitation.revoke" })).toMatchObject({ targetId: second.id, outcome: "success" });
  });

  it("a signed-in person accepts with the invited address only", async () => {
    const existing = await makeUser("existing");
    const sent = await invite(existing.email);
    const stranger = await makeUser("stranger");
    const wrong = await refusal(acceptInvitation(await checkAccess(stranger, "account.update", undefined), tokenOf(sent.link)));
    expect(wrong.code).toBe("forbidden");
    const joined = await acceptInvitation(await checkAccess(existing, "account.update", undefined), tokenOf(sent.link));
    expect(joined.organization.id).toBe(acme.organization.id);
    expect((await checkAccess(existing, "dag.deploy", envSlugs(acme, "dev"))).role).toBe("editor");
    // An account already exists for this address: signing up from a new link is refused.
    const again = await invite(`x${Date.now()}@example.test`);
    await db().user.create({ data: { email: again.email, name: "Taken", passwordHash: "x" } });
    expect((await refusal(signUpFromInvitation(tokenOf(again.link), { name: "Dup", password: "a long enough passphrase" }))).code).toBe("conflict");
  });

  it("refuses inviting into a group above the inviter's own role (audited), and inviting members again", async () => {
    const admin = await makeMember(acme, "admin");
    const asAdmin = await checkAccess(admin, "member.invite", org(acme));
    const error = await refusal(inviteMember(asAdmin, { email: "boss@example.test", groupIds: [acme.ownersGroup.id] }, { baseUrl: BASE }));
    expect(error.code).toBe("forbidden");
    expect(await lastEvent({ organizationId: acme.organization.id, action: "invitation.create", outcome: "denied" })).toMatchObject({ principalId: admin.userId });
    expect(await db().invitation.count({ where: { organizationId: acme.organization.id, email: "boss@example.test" } })).toBe(0);
    expect((await refusal(inviteMember(asAdmin, { email: admin.email, groupIds: [dataTeam.id] }, { baseUrl: BASE }))).code).toBe("conflict");
    expect((await refusal(inviteMember(asAdmin, { email: "x@example.test", groupIds: [] }, { baseUrl: BASE }))).code).toBe("unprocessable");
  });
});
