// Groups and role bindings against real PostgreSQL: roles reach people only through
// groups, a wider binding applies below it, the Owners group never empties and cannot be
// deleted, and nobody grants above their own role or outside their scope (refusals audited).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { addGroupMember } from "../../../lib/server/services/access/add-group-member";
import { createGroup } from "../../../lib/server/services/access/create-group";
import { createRoleBinding, GROUPS_ONLY_MESSAGE } from "../../../lib/server/services/access/create-role-binding";
import { deleteGroup } from "../../../lib/server/services/access/delete-group";
import { deleteRoleBinding } from "../../../lib/server/services/access/delete-role-binding";
import { loadEffectiveAccess } from "../../../lib/server/services/access/load-effective-access";
import { loadGroup } from "../../../lib/server/services/access/load-group";
import { removeGroupMember } from "../../../lib/server/services/access/remove-group-member";
import { renameGroup } from "../../../lib/server/services/access/rename-group";
import { createWorkspace } from "../../../lib/server/services/tenancy/create-workspace";
import { envSlugs, makeMember, makeTenant, makeUser, type Tenant } from "../authz-gate/fixtures";
import { lastEvent, refusal } from "./helpers";

let acme: Tenant;
let globex: Tenant;
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
});
afterAll(() => closeDb());

const org = (t: Tenant) => ({ orgSlug: t.organization.slug });
const ownersGroupId = (t: Tenant) => t.ownersGroup.id;

async function joinOrg(t: Tenant, label: string) {
  const user = await makeUser(label);
  await db().membership.create({ data: { organizationId: t.organization.id, userId: user.userId } });
  return user;
}

describe("groups", () => {
  it("creates, renames and deletes a group, each change audited in its transaction", async () => {
    const access = await checkAccess(acme.owner, "group.manage", org(acme));
    const group = await createGroup(access, { name: "Data team", description: "Pipelines" });
    expect(await lastEvent({ organizationId: acme.organization.id, action: "group.create" })).toMatchObject({ targetId: group.id, outcome: "success", principalId: acme.owner.userId });

    const duplicate = await refusal(createGroup(access, { name: "Data team" }));
    expect(duplicate.code).toBe("conflict");
    expect((await refusal(createGroup(access, { name: " " }))).code).toBe("unprocessable");

    await renameGroup(access, group.id, { name: "Data platform", description: "Pipelines and models" });
    expect(await lastEvent({ organizationId: acme.organization.id, action: "group.update" })).toMatchObject({
      summary: { before: { name: "Data team" }, after: { name: "Data platform" } },
    });
    await deleteGroup(access, group.id);
    expect(await db().group.findUnique({ where: { id: group.id } })).toBeNull();
  });

  it("never deletes or renames the Owners group, and never lets it become empty", async () => {
    const access = await checkAccess(acme.owner, "group.manage", org(acme));
    expect((await refusal(deleteGroup(access, ownersGroupId(acme)))).code).toBe("conflict");
    expect((await refusal(renameGroup(access, ownersGroupId(acme), { name: "Bosses" }))).code).toBe("unprocessable");

    const last = await refusal(removeGroupMember(access, ownersGroupId(acme), { userId: acme.owner.userId }));
    expect(last.code).toBe("conflict");
    expect(last.message).toMatch(/Owners group cannot become empty/);
    expect(await db().groupMember.count({ where: { groupId: ownersGroupId(acme) } })).toBe(1);

    // With a second owner, the first may step down; the second may then not.
    const second = await joinOrg(acme, "co-owner");
    await addGroupMember(access, ownersGroupId(acme), { userId: second.userId });
    await removeGroupMember(access, ownersGroupId(acme), { userId: acme.owner.userId });
    const asSecond = await checkAccess(second, "group.manage", org(acme));
    expect((await refusal(removeGroupMember(asSecond, ownersGroupId(acme), { userId: second.userId }))).code).toBe("conflict");
    await addGroupMember(asSecond, ownersGroupId(acme), { userId: acme.owner.userId }); // restore for other tests
  });

  it("answers 404 for another organization's group, like a missing one", async () => {
    const access = await checkAccess(acme.owner, "group.manage", org(acme));
    for (const id of [ownersGroupId(globex), "00000000-0000-0000-0000-000000000000", "nonsense"]) {
      expect((await refusal(renameGroup(access, id, { name: "Mine now" }))).code).toBe("not_found");
      expect((await refusal(deleteGroup(access, id))).code).toBe("not_found");
    }
    const foreigner = await makeUser("foreigner");
    expect((await refusal(addGroupMember(access, (await createGroup(access, { name: "Outsiders" })).id, { userId: foreigner.userId }))).code).toBe("unprocessable");
  });
});

describe("role bindings", () => {
  it("binds groups only: a binding naming a person is refused", async () => {
    const access = await checkAccess(acme.owner, "organization.view", org(acme));
    const member = await joinOrg(acme, "direct");
    const error = await refusal(createRoleBinding(access, { userId: member.userId, scope: { type: "organization" }, role: "viewer" } as never));
    expect(error.code).toBe("unprocessable");
    expect(error.message).toBe(GROUPS_ONLY_MESSAGE);
    expect((await refusal(createRoleBinding(access, { groupId: "", scope: { type: "organization" }, role: "viewer" }))).code).toBe("unprocessable");
  });

  it("owner is an organization-only role", async () => {
    const access = await checkAccess(acme.owner, "organization.view", org(acme));
    const group = await createGroup(await checkAccess(acme.owner, "group.manage", org(acme)), { name: "Env owners" });
    const error = await refusal(createRoleBinding(access, { groupId: group.id, scope: { type: "environment", environmentId: acme.environments.dev.id }, role: "owner" }));
    expect(error.code).toBe("unprocessable");
  });

  it("a wider binding applies below it; the highest role wins; prd stays read-only", async () => {
    const manage = await checkAccess(acme.owner, "group.manage", org(acme));
    const bind = await checkAccess(acme.owner, "organization.view", org(acme));
    const group = await createGroup(manage, { name: "Analysts" });
    const analyst = await joinOrg(acme, "analyst");
    await addGroupMember(manage, group.id, { userId: analyst.userId });
    await createRoleBinding(bind, { groupId: group.id, scope: { type: "workspace", workspaceId: acme.workspace.id }, role: "viewer" });
    const devEditor = await createRoleBinding(bind, { groupId: group.id, scope: { type: "environment", environmentId: acme.environments.dev.id }, role: "editor" });

    expect((await checkAccess(analyst, "dag.deploy", envSlugs(acme, "dev"))).role).toBe("editor");
    expect((await checkAccess(analyst, "dag.read", envSlugs(acme, "prd"))).role).toBe("viewer");
    expect((await refusal(checkAccess(analyst, "dag.trigger", envSlugs(acme, "prd")))).code).toBe("forbidden");

    const view = await loadEffectiveAccess(await checkAccess(acme.owner, "member.read", org(acme)), analyst.userId);
    const ws = view.workspaces.find((w) => w.id === acme.workspace.id)!;
    expect(ws.environments.map((e) => [e.envSlug, e.role, e.sources.map((s) => `${s.groupName}@${s.bindingScope}`)])).toEqual([
      ["dev", "editor", ["Analysts@environment"]],
      ["stg", "viewer", ["Analysts@workspace"]],
      ["prd", "viewer", ["Analysts@workspace"]],
    ]);
    expect(view.organization.role).toBeNull();

    // An organization-wide binding reaches a workspace created afterwards.
    await createRoleBinding(bind, { groupId: group.id, scope: { type: "organization" }, role: "operator" });
    const later = await createWorkspace(await checkAccess(acme.owner, "workspace.create", org(acme)), { name: "Later" });
    expect((await checkAccess(analyst, "dag.trigger", { orgSlug: acme.organization.slug, workspaceSlug: later.slug, envSlug: "prd" })).role).toBe("operator");

    // Removing the dev binding takes the role away at once (operator from the organization remains).
    await deleteRoleBinding(bind, devEditor.id);
    expect((await checkAccess(analyst, "dag.read", envSlugs(acme, "dev"))).role).toBe("operator");
    expect(await lastEvent({ organizationId: acme.organization.id, action: "role_binding.delete" })).toMatchObject({ environmentId: acme.environments.dev.id, outcome: "success" });
  });

  it("an admin cannot grant owner, cannot join (or put anyone in) Owners, cannot remove an owner binding; each attempt audited", async () => {
    const admin = await makeMember(acme, "admin");
    const bind = await checkAccess(admin, "organization.view", org(acme));
    const manage = await checkAccess(admin, "group.manage", org(acme));
    const group = await createGroup(manage, { name: `Admins' pick ${Date.now()}` });

    const grantOwner = await refusal(createRoleBinding(bind, { groupId: group.id, scope: { type: "organization" }, role: "owner" }));
    expect(grantOwner.code).toBe("forbidden");
    expect(grantOwner.message).toMatch(/above your own role/);
    expect(await lastEvent({ organizationId: acme.organization.id, action: "role_binding.create", outcome: "denied" })).toMatchObject({
      principalId: admin.userId,
      summary: { reason: "above_own_role", role: "owner" },
    });

    const joinOwners = await refusal(addGroupMember(manage, ownersGroupId(acme), { userId: admin.userId }));
    expect(joinOwners.code).toBe("forbidden");
    expect(await lastEvent({ organizationId: acme.organization.id, action: "group.member_add", outcome: "denied" })).toMatchObject({ principalId: admin.userId });
    expect(await db().groupMember.count({ where: { groupId: ownersGroupId(acme), userId: admin.userId } })).toBe(0);

    const ownerBinding = await db().roleBinding.findFirstOrThrow({ where: { groupId: ownersGroupId(acme), role: "owner" } });
    expect((await refusal(deleteRoleBinding(bind, ownerBinding.id))).code).toBe("conflict");
    expect((await refusal(deleteGroup(manage, ownersGroupId(acme)))).code).toBe("conflict");

    // Admin may hand out admin and below.
    await createRoleBinding(bind, { groupId: group.id, scope: { type: "organization" }, role: "admin" });
  });

  it("a workspace admin binds inside their workspace only, and a viewer binds nothing", async () => {
    const other = await createWorkspace(await checkAccess(acme.owner, "workspace.create", org(acme)), { name: "Other team" });
    const wsAdmin = await makeMember(acme, "admin", { workspaceId: acme.workspace.id });
    const group = await createGroup(await checkAccess(acme.owner, "group.manage", org(acme)), { name: `Contractors ${Date.now()}` });
    const bind = await checkAccess(wsAdmin, "organization.view", org(acme));

    await createRoleBinding(bind, { groupId: group.id, scope: { type: "environment", environmentId: acme.environments.stg.id }, role: "operator" });
    const outside = await refusal(createRoleBinding(bind, { groupId: group.id, scope: { type: "environment", environmentId: other.environments[0]!.id }, role: "viewer" }));
    expect(outside.code).toBe("forbidden");
    expect(outside.message).toMatch(/need the admin role/);
    expect(await lastEvent({ organizationId: acme.organization.id, action: "role_binding.create", outcome: "denied" })).toMatchObject({
      principalId: wsAdmin.userId,
      summary: { reason: "outside_scope" },
    });
    expect((await refusal(createRoleBinding(bind, { groupId: group.id, scope: { type: "organization" }, role: "viewer" }))).code).toBe("forbidden");

    const viewer = await makeMember(acme, "viewer");
    const asViewer = await checkAccess(viewer, "organization.view", org(acme));
    expect((await refusal(createRoleBinding(asViewer, { groupId: group.id, scope: { type: "environment", environmentId: acme.environments.dev.id }, role: "viewer" }))).code).toBe("forbidden");
    // And the gate keeps viewers out of group management altogether (403, audited by the gate).
    expect((await refusal(checkAccess(viewer, "group.manage", org(acme)))).code).toBe("forbidden");
  });

  it("the group page offers a workspace admin only the scopes they administer, and removal only of what they could grant", async () => {
    const group = await createGroup(await checkAccess(acme.owner, "group.manage", org(acme)), { name: `Page ${Date.now()}` });
    const asOwner = await checkAccess(acme.owner, "organization.view", org(acme));
    await createRoleBinding(asOwner, { groupId: group.id, scope: { type: "organization" }, role: "viewer" });
    await createRoleBinding(asOwner, { groupId: group.id, scope: { type: "environment", environmentId: acme.environments.dev.id }, role: "editor" });
    // A workspace admin who can also read the organization's settings (viewer there).
    const wsAdmin = await makeMember(acme, "admin", { workspaceId: acme.workspace.id });
    const viewerGroup = await db().group.create({ data: { organizationId: acme.organization.id, name: `v-${Date.now()}`, members: { create: { userId: wsAdmin.userId } } } });
    await db().roleBinding.create({ data: { organizationId: acme.organization.id, groupId: viewerGroup.id, scopeType: "organization", role: "viewer" } });

    const page = await loadGroup(await checkAccess(wsAdmin, "group.read", org(acme)), group.id);
    expect(page.scopes.map((s) => s.value)).toEqual([
      `workspace:${acme.workspace.id}`,
      `environment:${acme.environments.dev.id}`,
      `environment:${acme.environments.stg.id}`,
      `environment:${acme.environments.prd.id}`,
    ]);
    expect(page.bindings.map((b) => [b.scope.level, b.canRemove])).toEqual([
      ["organization", false],
      ["environment", true],
    ]);
    const full = await loadGroup(await checkAccess(acme.owner, "group.read", org(acme)), group.id);
    expect(full.scopes[0]!.value).toBe("organization");
    expect(full.bindings.every((b) => b.canRemove)).toBe(true);
    const owners = await loadGroup(await checkAccess(acme.owner, "group.read", org(acme)), ownersGroupId(acme));
    expect(owners.bindings.map((b) => b.canRemove)).toEqual([false]);
  });

  it("cannot bind a scope of another organization (404)", async () => {
    const bind = await checkAccess(acme.owner, "organization.view", org(acme));
    const group = await createGroup(await checkAccess(acme.owner, "group.manage", org(acme)), { name: `Cross ${Date.now()}` });
    expect((await refusal(createRoleBinding(bind, { groupId: group.id, scope: { type: "environment", environmentId: globex.environments.dev.id }, role: "viewer" }))).code).toBe("not_found");
    expect((await refusal(createRoleBinding(bind, { groupId: ownersGroupId(globex), scope: { type: "organization" }, role: "viewer" }))).code).toBe("not_found");
  });
});
