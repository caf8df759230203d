import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { closeDb, db } from "../../../lib/server/db";
import { AppError } from "../../../lib/server/errors";
import { EMAIL_TAKEN_MESSAGE, signUp } from "../../../lib/server/services/accounts/sign-up";
import { logIn } from "../../../lib/server/services/accounts/log-in";
import { signUpUser, FACTORY_PASSWORD } from "../../factories/users";
import { createOrganizationForUser } from "../../../lib/server/services/tenancy/create-organization";

afterAll(closeDb);

const noRequest = { ip: null, userAgent: null, requestId: null };

async function countAll() {
  const d = db();
  const [users, orgs, memberships, groups, groupMembers, bindings, workspaces, environments, audit] = await Promise.all([
    d.user.count(), d.organization.count(), d.membership.count(), d.group.count(), d.groupMember.count(),
    d.roleBinding.count(), d.workspace.count(), d.environment.count(), d.auditEvent.count(),
  ]);
  return { users, orgs, memberships, groups, groupMembers, bindings, workspaces, environments, audit };
}

describe("sign-up", () => {
  it("creates the user, organization, Owners group bound as owner, first workspace with dev/stg/prd, and audit events", async () => {
    const email = `Ada-${randomUUID().slice(0, 8)}@Example.com`;
    const result = await signUp({ email, name: "Ada Lovelace", password: FACTORY_PASSWORD, organizationName: "Analytical Engines Ltd" });

    const user = await db().user.findUniqueOrThrow({ where: { id: result.user.id } });
    expect(user.email).toBe(email.toLowerCase());
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(FACTORY_PASSWORD);

    const org = await db().organization.findUniqueOrThrow({
      where: { id: result.organization.id },
      include: {
        memberships: true,
        groups: { include: { members: true, roleBindings: true } },
        workspaces: { include: { environments: true } },
      },
    });
    expect(org.name).toBe("Analytical Engines Ltd");
    expect(org.slug).toMatch(/^analytical-engines-ltd(-\d+)?$/);
    expect(org.memberships.map((m) => m.userId)).toEqual([user.id]);
    expect(org.groups).toHaveLength(1);
    const owners = org.groups[0];
    expect(owners).toMatchObject({ name: "Owners", systemKind: "owners" });
    expect(owners.members.map((m) => m.userId)).toEqual([user.id]);
    expect(owners.roleBindings).toEqual([
      expect.objectContaining({ scopeType: "organization", role: "owner", organizationId: org.id, workspaceId: null, environmentId: null }),
    ]);
    expect(org.workspaces).toHaveLength(1);
    expect(org.workspaces[0].slug).toBe(result.workspace.slug);
    expect(org.workspaces[0].environments.map((e) => e.slug).sort()).toEqual(["dev", "prd", "stg"]);
    expect(result.environments.dev.id).toBe(org.workspaces[0].environments.find((e) => e.slug === "dev")!.id);

    const events = await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action).sort()).toEqual(["organization.create", "user.signup"]);
    expect(events.every((e) => e.principalId === user.id && e.outcome === "success")).toBe(true);

    // And the new account can log in right away.
    const login = await logIn({ email, password: FACTORY_PASSWORD }, noRequest);
    expect(login.ok).toBe(true);
  });

  it("gives each organization its own slug when names repeat", async () => {
    const a = await signUpUser({ organizationName: "Same Name Inc" });
    const b = await signUpUser({ organizationName: "Same Name Inc" });
    expect(a.organization.slug).not.toBe(b.organization.slug);
    expect(b.organization.slug).toMatch(/^same-name-inc(-\d+)?$/);
  });

  it("lets simultaneous sign-ups with one organization name all succeed, each with its own slug", async () => {
    const name = `Busy Name ${randomUUID().slice(0, 6)}`;
    const all = await Promise.all([1, 2, 3].map(() => signUpUser({ organizationName: name })));
    expect(new Set(all.map((r) => r.organization.slug)).size).toBe(3);
  });

  it("refuses a taken email (any case) and creates nothing", async () => {
    const first = await signUpUser();
    const before = await countAll();
    const attempt = signUp({ email: first.user.email.toUpperCase(), name: "Someone Else", password: "another long password", organizationName: "Other Org" });
    await expect(attempt).rejects.toMatchObject({ code: "conflict", message: EMAIL_TAKEN_MESSAGE });
    expect(await countAll()).toEqual(before);
  });

  it("refuses the loser of two simultaneous sign-ups with one email and leaves no half-created organization", async () => {
    const email = `race-${randomUUID().slice(0, 8)}@example.com`;
    const before = await countAll();
    const results = await Promise.allSettled(
      [1, 2].map((n) => signUp({ email, name: `Racer ${n}`, password: FACTORY_PASSWORD, organizationName: `Race Org ${n}` })),
    );
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ code: "conflict", message: EMAIL_TAKEN_MESSAGE });
    const after = await countAll();
    expect(after.users - before.users).toBe(1);
    expect(after.orgs - before.orgs).toBe(1);
    expect(after.environments - before.environments).toBe(3);
  });

  it("rolls everything back when a late step fails (one transaction)", async () => {
    // Make the very last environment insert fail for one organization name only.
    await db().$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION windsock_test_fail_prd() RETURNS trigger AS $$
      BEGIN
        IF NEW.slug = 'prd' AND (SELECT name FROM organization WHERE id = NEW.organization_id) = 'Doomed Org' THEN
          RAISE EXCEPTION 'injected failure';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db().$executeRawUnsafe(`CREATE TRIGGER windsock_test_fail_prd BEFORE INSERT ON environment FOR EACH ROW EXECUTE FUNCTION windsock_test_fail_prd()`);
    try {
      const before = await countAll();
      const email = `doomed-${randomUUID().slice(0, 8)}@example.com`;
      await expect(signUp({ email, name: "Doomed", password: FACTORY_PASSWORD, organizationName: "Doomed Org" })).rejects.toThrow();
      expect(await countAll()).toEqual(before);
      expect(await db().user.findUnique({ where: { email } })).toBeNull();
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER windsock_test_fail_prd ON environment`);
      await db().$executeRawUnsafe(`DROP FUNCTION windsock_test_fail_prd()`);
    }
  });

  it("names every field that needs attention, including a weak password", async () => {
    const attempt = signUp({ email: "not-an-email", name: "", password: "short", organizationName: "x" });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unprocessable");
    expect(Object.keys((error as AppError).details as object).sort()).toEqual(["email", "name", "organizationName", "password"]);
    expect(((error as AppError).details as Record<string, string>).password).toMatch(/at least 10 characters/);
  });
});

describe("more organizations", () => {
  it("a signed-up user can own a second organization and belongs to both", async () => {
    const u = await signUpUser({ organizationName: "First Org" });
    const second = await createOrganizationForUser({ userId: u.user.id, email: u.user.email }, { name: "Second Org", workspaceName: "Data Platform" });
    expect(second.organization.id).not.toBe(u.organization.id);
    expect(second.workspace.slug).toBe("data-platform");
    expect(Object.keys(second.environments).sort()).toEqual(["dev", "prd", "stg"]);
    const memberships = await db().membership.findMany({ where: { userId: u.user.id } });
    expect(memberships.map((m) => m.organizationId).sort()).toEqual([u.organization.id, second.organization.id].sort());
    const ownerBindings = await db().roleBinding.findMany({
      where: { role: "owner", scopeType: "organization", group: { systemKind: "owners", members: { some: { userId: u.user.id } } } },
    });
    expect(ownerBindings).toHaveLength(2);
    await expect(createOrganizationForUser({ userId: u.user.id, email: u.user.email }, { name: " " })).rejects.toMatchObject({ code: "unprocessable" });
  });
});
