// Tenants for the gate's tests, built straight in PostgreSQL. Each call makes fresh,
// unique rows so tests never depend on one another.
import { randomUUID } from "node:crypto";
import type { Role } from "../../../lib/domain/authz";
import type { UserPrincipal } from "../../../lib/server/authz";
import { db } from "../../../lib/server/db";
import { createOrganization, type CreatedOrganization } from "../../../lib/server/services/tenancy/create-organization";

export async function makeUser(label = "user"): Promise<UserPrincipal> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await db().user.create({ data: { email, name: label, passwordHash: "not-a-real-hash" } });
  const session = await db().session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { kind: "user", userId: user.id, sessionId: session.id, email, name: label };
}

export type Tenant = CreatedOrganization & { owner: UserPrincipal };

/** An organization owned by a new user (Owners group bound as owner), with dev/stg/prd. */
export async function makeTenant(name = "Acme"): Promise<Tenant> {
  const owner = await makeUser("owner");
  const created = await db().$transaction((tx) =>
    createOrganization(tx, { name: `${name} ${randomUUID().slice(0, 6)}`, owner: { id: owner.userId, email: owner.email } }),
  );
  return { ...created, owner };
}

/** A new member of the tenant in a new group bound with `role` at one scope. */
export async function makeMember(
  tenant: Tenant,
  role: Role | null,
  scope: { workspaceId?: string; environmentId?: string } = {},
): Promise<UserPrincipal> {
  const user = await makeUser(role ?? "member");
  const organizationId = tenant.organization.id;
  await db().membership.create({ data: { organizationId, userId: user.userId } });
  if (role) {
    const group = await db().group.create({
      data: { organizationId, name: `g-${randomUUID().slice(0, 8)}`, members: { create: { userId: user.userId } } },
    });
    const scopeType = scope.environmentId ? "environment" : scope.workspaceId ? "workspace" : "organization";
    await db().roleBinding.create({
      data: {
        organizationId,
        groupId: group.id,
        scopeType,
        workspaceId: scopeType === "workspace" ? scope.workspaceId : null,
        environmentId: scope.environmentId ?? null,
        role,
      },
    });
  }
  return user;
}

export const envSlugs = (t: Tenant, env: "dev" | "stg" | "prd") => ({
  orgSlug: t.organization.slug,
  workspaceSlug: t.workspace.slug,
  envSlug: env,
});
