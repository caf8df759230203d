// Members: removal ends the removed person's sessions at once and takes every role away;
// the last owner cannot leave; an admin cannot remove an owner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { loadSessionPrincipal } from "../../../lib/server/auth/sessions";
import { closeDb, db } from "../../../lib/server/db";
import { addGroupMember } from "../../../lib/server/services/access/add-group-member";
import { leaveOrganization } from "../../../lib/server/services/access/leave-organization";
import { removeMember } from "../../../lib/server/services/access/remove-member";
import { envSlugs, makeMember, makeTenant, makeUser, type Tenant } from "../authz-gate/fixtures";
import { lastEvent, refusal } from "./helpers";

let acme: Tenant;
beforeAll(async () => {
  acme = await makeTenant("Acme");
});
afterAll(() => closeDb());

const org = (t: Tenant) => ({ orgSlug: t.organization.slug });

describe("removing a member", () => {
  it("ends every session of theirs at once, takes their groups away and is audited", async () => {
    const editor = await makeMember(acme, "editor", { workspaceId: acme.workspace.id });
    const secondSession = await db().session.create({ data: { userId: editor.userId, expiresAt: new Date(Date.now() + 3_600_000) } });
    expect(await loadSessionPrincipal(editor.sessionId)).not.toBeNull();
    expect((await checkAccess(editor, "dag.deploy", envSlugs(acme, "dev"))).role).toBe("editor");

    const result = await removeMember(await checkAccess(acme.owner, "member.remove", org(acme)), { userId: editor.userId });
    expect(result.endedSessions).toBe(2);
    expect(await loadSessionPrincipal(editor.sessionId)).toBeNull();
    expect(await loadSessionPrincipal(secondSession.id)).toBeNull();
    expect(await db().groupMember.count({ where: { userId: editor.userId } })).toBe(0);
    // Even a session that survived somewhere would find nothing: not a member, so 404.
    expect((await refusal(checkAccess(editor, "dag.read", envSlugs(acme, "dev")))).code).toBe("not_found");
    expect(await lastEvent({ organizationId: acme.organization.id, action: "member.remove" })).toMatchObject({
      outcome: "success",
      targetId: editor.userId,
      summary: { endedSessions: 2 },
    });
    // The owner's own session is untouched.
    expect(await loadSessionPrincipal(acme.owner.sessionId)).not.toBeNull();
  });

  it("an admin cannot remove an owner (audited), nor anyone remove themselves this way", async () => {
    const admin = await makeMember(acme, "admin");
    const asAdmin = await checkAccess(admin, "member.remove", org(acme));
    const error = await refusal(removeMember(asAdmin, { userId: acme.owner.userId }));
    expect(error.code).toBe("forbidden");
    expect(await lastEvent({ organizationId: acme.organization.id, action: "member.remove", outcome: "denied" })).toMatchObject({ principalId: admin.userId });
    expect(await loadSessionPrincipal(acme.owner.sessionId)).not.toBeNull();
    expect((await refusal(removeMember(asAdmin, { userId: admin.userId }))).code).toBe("unprocessable");
    expect((await refusal(removeMember(asAdmin, { userId: (await makeUser("stranger")).userId }))).code).toBe("not_found");
  });

  it("the gate refuses removal to an editor (403)", async () => {
    const editor = await makeMember(acme, "editor");
    expect((await refusal(checkAccess(editor, "member.remove", org(acme)))).code).toBe("forbidden");
  });
});

describe("leaving", () => {
  it("the last owner cannot leave; with a second owner they can, and lose access", async () => {
    const tenant = await makeTenant("Solo");
    const asOwner = await checkAccess(tenant.owner, "organization.view", org(tenant));
    const error = await refusal(leaveOrganization(asOwner));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/Owners group cannot become empty/);
    expect(await db().membership.count({ where: { organizationId: tenant.organization.id } })).toBe(1);

    const second = await makeUser("second-owner");
    await db().membership.create({ data: { organizationId: tenant.organization.id, userId: second.userId } });
    await addGroupMember(await checkAccess(tenant.owner, "group.manage", org(tenant)), tenant.ownersGroup.id, { userId: second.userId });
    await leaveOrganization(asOwner);
    expect((await refusal(checkAccess(tenant.owner, "organization.view", org(tenant)))).code).toBe("not_found");
    expect(await lastEvent({ organizationId: tenant.organization.id, action: "member.leave" })).toMatchObject({ principalId: tenant.owner.userId, outcome: "success" });
    // Leaving does not log them out (they may belong elsewhere).
    expect(await loadSessionPrincipal(tenant.owner.sessionId)).not.toBeNull();
    // And now the second owner is the last one.
    expect((await refusal(leaveOrganization(await checkAccess(second, "organization.view", org(tenant))))).code).toBe("conflict");
  });

  it("two owners leaving at once: one succeeds, the other is refused (Owners never empties)", async () => {
    const tenant = await makeTenant("Race");
    const second = await makeUser("racer");
    await db().membership.create({ data: { organizationId: tenant.organization.id, userId: second.userId } });
    await addGroupMember(await checkAccess(tenant.owner, "group.manage", org(tenant)), tenant.ownersGroup.id, { userId: second.userId });
    const [a, b] = await Promise.all([checkAccess(tenant.owner, "organization.view", org(tenant)), checkAccess(second, "organization.view", org(tenant))]);
    const results = await Promise.allSettled([leaveOrganization(a), leaveOrganization(b)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().groupMember.count({ where: { groupId: tenant.ownersGroup.id } })).toBe(1);
  });
});
