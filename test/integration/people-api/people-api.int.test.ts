// The organization-scope people REST API: the settings pages' rules, reached by scripts.
// Shapes and paging, validation (400 malformed JSON, 422 naming each field by its API
// name, 409 conflicts), nobody granting above their own role, Owners never empty, another
// tenant's organization and objects answering 404, every change audited, and API tokens
// refused with 403 (organization-scope tokens do not exist yet).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserPrincipal } from "../../../lib/server/authz";
import { loadSessionPrincipal } from "../../../lib/server/auth/sessions";
import { closeDb } from "../../../lib/server/db";
import { mintToken } from "../../factories/api-tokens";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";
import { lastEvent } from "../access/helpers";
import { membersWithToken, peopleApi } from "./client";

let acme: Tenant;
let globex: Tenant;
let acmeOwners: string;
let globexOwners: string;
const api = (who: UserPrincipal, t: Tenant = acme) => peopleApi(who, t.organization.id);
const ownersOf = async (t: Tenant) => ((await api(t.owner, t).groups()).body.groups as { id: string; is_owners: boolean }[]).find((g) => g.is_owners)!.id;

beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  [acmeOwners, globexOwners] = await Promise.all([ownersOf(acme), ownersOf(globex)]);
});
afterAll(() => closeDb());

describe("members", () => {
  it("lists members with their groups, oldest first, paged by limit and offset", async () => {
    const t = await makeTenant("Paged");
    const viewer = await makeMember(t, "viewer");
    const editor = await makeMember(t, "editor", { workspaceId: t.workspace.id });
    const all = await api(viewer, t).members();
    expect(all.status).toBe(200);
    expect(all.body.total_entries).toBe(3);
    expect(all.body.members.map((m: { email: string }) => m.email)).toEqual([t.owner.email, viewer.email, editor.email]);
    expect(all.body.members[0]).toEqual({
      user_id: t.owner.userId,
      email: t.owner.email,
      name: t.owner.name,
      groups: [{ id: expect.any(String), name: "Owners" }],
      joined_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const page = await api(viewer, t).members("?limit=1&offset=1");
    expect(page.body).toEqual({ members: [expect.objectContaining({ email: viewer.email })], total_entries: 3 });
    const bad = await api(viewer, t).members("?limit=0&offset=x");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details).sort()).toEqual(["limit", "offset"]);
  });

  it("removing a member ends their sessions and is audited; yourself is refused (leave instead)", async () => {
    const editor = await makeMember(acme, "editor");
    const removed = await api(acme.owner).removeMember(editor.userId);
    expect(removed.status).toBe(204);
    expect(await loadSessionPrincipal(editor.sessionId)).toBeNull();
    expect((await api(acme.owner).members("?limit=1000")).body.members.map((m: { user_id: string }) => m.user_id)).not.toContain(editor.userId);
    expect(await lastEvent({ organizationId: acme.organization.id, action: "member.remove" })).toMatchObject({ principalId: acme.owner.userId, targetId: editor.userId, outcome: "success" });
    expect((await api(acme.owner).removeMember(editor.userId)).status).toBe(404);
    const self = await api(acme.owner).removeMember(acme.owner.userId);
    expect(self.status).toBe(422);
    expect(self.body.error.message).toMatch(/Leave organization/);
  });

  it("an admin cannot remove an owner (403, audited), and a viewer cannot remove anyone", async () => {
    const admin = await makeMember(acme, "admin");
    const refused = await api(admin).removeMember(acme.owner.userId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({ reason: "above_own_role" });
    expect(await lastEvent({ organizationId: acme.organization.id, action: "member.remove", outcome: "denied" })).toMatchObject({ principalId: admin.userId });
    const viewer = await makeMember(acme, "viewer");
    expect((await api(viewer).removeMember(admin.userId)).status).toBe(403);
  });

  it("another organization, or a member of another organization, is a 404 like a missing one", async () => {
    const other = await api(acme.owner, globex).members();
    expect(other.status).toBe(404);
    expect((await peopleApi(acme.owner, "00000000-0000-4000-8000-000000000000").members()).body).toEqual(other.body);
    expect((await api(acme.owner).removeMember(globex.owner.userId)).status).toBe(404);
  });

  it("answers an API token 403: organization-scope tokens do not exist yet (audited as the token)", async () => {
    const token = await mintToken(acme.owner, acme.environments.dev.id, "admin");
    for (const org of [acme.organization.id, globex.organization.id]) {
      const answer = await membersWithToken(org, token.secret);
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe("forbidden");
      expect(answer.body.error.message).toMatch(/organization-scope tokens do not exist yet/);
    }
    expect(await lastEvent({ organizationId: acme.organization.id, action: "member.read", outcome: "denied" })).toMatchObject({ principalType: "token" });
  });
});

describe("groups", () => {
  it("creates, reads, updates and deletes a group, each change audited", async () => {
    const created = await api(acme.owner).createGroup({ name: "  Data team ", description: "Pipelines" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: "Data team", description: "Pipelines", is_owners: false, member_count: 0, members: [], role_bindings: [] });
    const id = created.body.id as string;
    expect(await lastEvent({ organizationId: acme.organization.id, action: "group.create" })).toMatchObject({ targetId: id, principalId: acme.owner.userId });

    const list = await api(acme.owner).groups();
    expect(list.body.groups[0]).toMatchObject({ id: acmeOwners, name: "Owners", is_owners: true, member_count: 1 });
    expect(list.body.groups[0].role_bindings).toEqual([expect.objectContaining({ scope_type: "organization", scope_id: null, role: "owner", group_id: acmeOwners })]);
    expect(list.body.groups.map((g: { id: string }) => g.id)).toContain(id);
    expect((await api(acme.owner).groups("?limit=1")).body).toMatchObject({ groups: [{ id: acmeOwners }], total_entries: list.body.total_entries });

    // PATCH keeps what it is not given.
    const patched = await api(acme.owner).patchGroup(id, { description: "Batch pipelines" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "Data team", description: "Batch pipelines" });
    expect((await api(acme.owner).patchGroup(id, { name: "Data platform" })).body).toMatchObject({ name: "Data platform", description: "Batch pipelines" });
    expect(await lastEvent({ organizationId: acme.organization.id, action: "group.update" })).toMatchObject({ targetId: id });

    expect((await api(acme.owner).deleteGroup(id)).status).toBe(204);
    expect(await lastEvent({ organizationId: acme.organization.id, action: "group.delete" })).toMatchObject({ targetId: id });
    expect((await api(acme.owner).group(id)).status).toBe(404);
    expect((await api(acme.owner).deleteGroup(id)).status).toBe(404);
  });

  it("answers 400 for malformed JSON, 422 naming the field, 409 for a taken name", async () => {
    const malformed = await api(acme.owner).createGroup("{ not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("bad_request");
    const empty = await api(acme.owner).createGroup({ name: "x" });
    expect(empty.status).toBe(422);
    expect(Object.keys(empty.body.error.details)).toEqual(["name"]);
    expect((await api(acme.owner).createGroup([])).status).toBe(422);
    await api(acme.owner).createGroup({ name: "Analysts" });
    const taken = await api(acme.owner).createGroup({ name: "Analysts" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details).toHaveProperty("name");
  });

  it("keeps the Owners group: its name, its existence", async () => {
    const renamed = await api(acme.owner).patchGroup(acmeOwners, { name: "Bosses" });
    expect(renamed.status).toBe(422);
    expect(renamed.body.error.details).toHaveProperty("name");
    expect((await api(acme.owner).deleteGroup(acmeOwners)).status).toBe(409);
  });

  it("needs admin to change groups (a viewer reads them, gets 403 changing them)", async () => {
    const viewer = await makeMember(acme, "viewer");
    expect((await api(viewer).groups()).status).toBe(200);
    expect((await api(viewer).group(acmeOwners)).body.members).toEqual([expect.objectContaining({ user_id: acme.owner.userId })]);
    const refused = await api(viewer).createGroup({ name: "Mine" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({ required: "admin", role: "viewer" });
  });

  it("another tenant's group is a 404 for every method", async () => {
    const api0 = api(acme.owner);
    for (const answer of [await api0.group(globexOwners), await api0.patchGroup(globexOwners, { description: "x" }), await api0.deleteGroup(globexOwners), await api0.bindings(globexOwners)]) {
      expect(answer.status).toBe(404);
    }
    expect((await api0.addToGroup(globexOwners, acme.owner.userId)).status).toBe(404);
    expect((await api(globex.owner, globex).group(globexOwners)).status).toBe(200);
  });
});

describe("group members", () => {
  it("PUT adds a member (201, then 200 when repeated), DELETE takes them out; both audited", async () => {
    const group = (await api(acme.owner).createGroup({ name: "Operators" })).body.id as string;
    const someone = await makeMember(acme, null);
    const added = await api(acme.owner).addToGroup(group, someone.userId);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ group_id: group, user_id: someone.userId, email: someone.email, name: someone.name });
    expect(await lastEvent({ organizationId: acme.organization.id, action: "group.member_add" })).toMatchObject({ targetId: group });
    const again = await api(acme.owner).addToGroup(group, someone.userId);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(added.body);
    expect((await api(acme.owner).group(group)).body.members.map((m: { user_id: string }) => m.user_id)).toEqual([someone.userId]);
    expect((await api(acme.owner).removeFromGroup(group, someone.userId)).status).toBe(204);
    expect((await api(acme.owner).removeFromGroup(group, someone.userId)).status).toBe(404);
  });

  it("a person who is not a member of the organization is a 404 (invite them first)", async () => {
    const group = (await api(acme.owner).createGroup({ name: "Strangers" })).body.id as string;
    const answer = await api(acme.owner).addToGroup(group, globex.owner.userId);
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toMatch(/Invite them first/);
  });

  it("an admin cannot put anyone into Owners (403); the last owner cannot leave Owners (409)", async () => {
    const admin = await makeMember(acme, "admin");
    const refused = await api(admin).addToGroup(acmeOwners, admin.userId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual({ reason: "above_own_role" });

    const t = await makeTenant("Solo");
    const owners = await ownersOf(t);
    const last = await api(t.owner, t).removeFromGroup(owners, t.owner.userId);
    expect(last.status).toBe(409);
    expect(last.body.error.message).toMatch(/Owners group cannot become empty/);
    // With a second owner, the first may go.
    const second = await makeMember(t, null);
    expect((await api(t.owner, t).addToGroup(owners, second.userId)).status).toBe(201);
    expect((await api(t.owner, t).removeFromGroup(owners, t.owner.userId)).status).toBe(204);
  });
});

describe("role bindings", () => {
  it("binds a group at an environment, lists it with its scope id, refuses a duplicate, and unbinds", async () => {
    const group = (await api(acme.owner).createGroup({ name: "Deployers" })).body.id as string;
    const dev = acme.environments.dev.id;
    const bound = await api(acme.owner).bind(group, { scope_type: "environment", scope_id: dev, role: "editor" });
    expect(bound.status).toBe(201);
    expect(bound.body).toEqual({ id: expect.any(String), group_id: group, scope_type: "environment", scope_id: dev, role: "editor", scope_label: expect.stringContaining("dev") });
    expect(await lastEvent({ organizationId: acme.organization.id, action: "role_binding.create" })).toMatchObject({ targetId: bound.body.id, environmentId: dev });

    const listed = await api(acme.owner).bindings(group);
    expect(listed.body).toEqual({ role_bindings: [expect.objectContaining({ id: bound.body.id, scope_type: "environment", scope_id: dev, role: "editor" })], total_entries: 1 });
    expect((await api(acme.owner).bind(group, { scope_type: "environment", scope_id: dev, role: "viewer" })).status).toBe(409);

    // The binding is named through its group: under another group's path it is missing.
    const other = (await api(acme.owner).createGroup({ name: "Elsewhere" })).body.id as string;
    expect((await api(acme.owner).unbind(other, bound.body.id)).status).toBe(404);
    expect((await api(acme.owner).unbind(group, bound.body.id)).status).toBe(204);
    expect(await lastEvent({ organizationId: acme.organization.id, action: "role_binding.delete" })).toMatchObject({ targetId: bound.body.id });
    expect((await api(acme.owner).bindings(group)).body.total_entries).toBe(0);
  });

  it("validates the body: every problem by its API field name; roles go to groups only", async () => {
    const group = (await api(acme.owner).createGroup({ name: "Validated" })).body.id as string;
    const missing = await api(acme.owner).bind(group, { scope_type: "workspace", role: "boss" });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.error.details).sort()).toEqual(["role", "scope_id"]);
    const wrongType = await api(acme.owner).bind(group, { scope_type: "planet", role: "viewer" });
    expect(Object.keys(wrongType.body.error.details)).toEqual(["scope_type"]);
    const person = await api(acme.owner).bind(group, { user_id: acme.owner.userId, scope_type: "organization", role: "viewer" });
    expect(person.status).toBe(422);
    expect(person.body.error.message).toMatch(/groups only/);
    expect((await api(acme.owner).bind(group, "{")).status).toBe(400);
    // owner exists only on the organization (the same rule as the settings page).
    expect((await api(acme.owner).bind(group, { scope_type: "environment", scope_id: acme.environments.dev.id, role: "owner" })).status).toBe(422);
  });

  it("nobody grants above their own role or outside where they are admin (403, audited)", async () => {
    const admin = await makeMember(acme, "admin");
    const group = (await api(acme.owner).createGroup({ name: "Escalators" })).body.id as string;
    const above = await api(admin).bind(group, { scope_type: "organization", role: "owner" });
    expect(above.status).toBe(403);
    expect(await lastEvent({ organizationId: acme.organization.id, action: "role_binding.create", outcome: "denied" })).toMatchObject({ principalId: admin.userId });

    // A workspace admin binds inside their workspace, not at the organization.
    const wsAdmin = await makeMember(acme, "admin", { workspaceId: acme.workspace.id });
    expect((await api(wsAdmin).bind(group, { scope_type: "workspace", scope_id: acme.workspace.id, role: "operator" })).status).toBe(201);
    const outside = await api(wsAdmin).bind(group, { scope_type: "organization", role: "viewer" });
    expect(outside.status).toBe(403);
    expect(outside.body.error.details).toEqual({ reason: "outside_scope" });
  });

  it("another tenant's workspace or environment is a 404; the Owners group keeps its owner binding (409)", async () => {
    const group = (await api(acme.owner).createGroup({ name: "Foreign scopes" })).body.id as string;
    expect((await api(acme.owner).bind(group, { scope_type: "environment", scope_id: globex.environments.dev.id, role: "viewer" })).status).toBe(404);
    expect((await api(acme.owner).bind(group, { scope_type: "workspace", scope_id: globex.workspace.id, role: "viewer" })).status).toBe(404);
    const ownerBinding = (await api(acme.owner).bindings(acmeOwners)).body.role_bindings[0].id as string;
    expect((await api(acme.owner).unbind(acmeOwners, ownerBinding)).status).toBe(409);
    const globexBinding = (await api(globex.owner, globex).bindings(globexOwners)).body.role_bindings[0].id as string;
    expect((await api(acme.owner).unbind(acmeOwners, globexBinding)).status).toBe(404);
  });
});

describe("invitations", () => {
  it("invites into groups (201, no link in the answer), lists, revokes; each audited", async () => {
    const group = (await api(acme.owner).createGroup({ name: "Invitees" })).body.id as string;
    const email = `ada-${Date.now()}@example.test`;
    const sent = await api(acme.owner).invite({ email: email.toUpperCase(), group_ids: [group] });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ id: expect.any(String), email, groups: [{ id: group, name: "Invitees" }], status: "pending", created_at: expect.any(String), expires_at: expect.any(String) });
    expect(sent.text).not.toMatch(/invite\//);
    expect(await lastEvent({ organizationId: acme.organization.id, action: "invitation.create" })).toMatchObject({ targetId: sent.body.id });

    const list = await api(acme.owner).invitations();
    expect(list.body.invitations[0]).toMatchObject({ id: sent.body.id, email, status: "pending", invited_by: acme.owner.name, groups: [{ id: group, name: "Invitees" }] });
    expect(list.body.total_entries).toBeGreaterThanOrEqual(1);

    expect((await api(acme.owner).revokeInvitation(sent.body.id)).status).toBe(204);
    expect(await lastEvent({ organizationId: acme.organization.id, action: "invitation.revoke" })).toMatchObject({ targetId: sent.body.id });
    expect((await api(acme.owner).revokeInvitation(sent.body.id)).status).toBe(409);
    expect((await api(acme.owner).invitations()).body.invitations.find((i: { id: string }) => i.id === sent.body.id).status).toBe("revoked");
  });

  it("validates: an email, at least one group of this organization; a member already in is 409", async () => {
    const bad = await api(acme.owner).invite({ email: "not-an-email" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details).sort()).toEqual(["email", "group_ids"]);
    const foreign = await api(acme.owner).invite({ email: "x@example.test", group_ids: [globexOwners] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details).toHaveProperty("group_ids");
    const member = await api(acme.owner).invite({ email: acme.owner.email, group_ids: [acmeOwners] });
    expect(member.status).toBe(409);
    expect(member.body.error.details).toHaveProperty("email");
  });

  it("an admin cannot invite into Owners (403); another tenant's invitation is a 404", async () => {
    const admin = await makeMember(acme, "admin");
    expect((await api(admin).invite({ email: `boss-${Date.now()}@example.test`, group_ids: [acmeOwners] })).status).toBe(403);
    const theirs = await api(globex.owner, globex).invite({ email: `g-${Date.now()}@example.test`, group_ids: [globexOwners] });
    expect((await api(acme.owner).revokeInvitation(theirs.body.id)).status).toBe(404);
    expect((await api(acme.owner, globex).invitations()).status).toBe(404);
  });
});

