// Rules shared by the people use cases (groups, bindings, members, invitations): who the
// caller is, which roles a group carries, the Owners group's invariant, and how a refused
// attempt is audited before it is refused (the gate audits its own denials; these are the
// second, finer checks behind it).
import { isRole, type Grant, type GrantRefusal, type Role, type ScopeRef } from "../../../domain/authz";
import type { OrganizationAccess } from "../../authz/access";
import { loadGrants } from "../../authz/check-access";
import type { Tx } from "../../authz/mutate";
import { auditPrincipal, type UserPrincipal } from "../../authz/principal";
import { writeAuditEvent } from "../../audit/write-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";

export const OWNERS_KIND = "owners";
export const OWNERS_NOT_EMPTY_MESSAGE =
  "The Owners group cannot become empty: every organization needs an owner. Add another owner to the Owners group first.";

/** People are managed by people: API tokens are bound to one environment and never reach here. */
export function requireUser(access: OrganizationAccess): UserPrincipal {
  if (access.principal.kind !== "user") {
    throw new AppError("forbidden", "API tokens cannot manage members, groups or invitations. Sign in as a person to do this.");
  }
  return access.principal;
}

export async function callerGrants(access: OrganizationAccess): Promise<Grant[]> {
  const [grants] = await loadGrants(access.principal, access.organization.id);
  return grants;
}

/** A binding row as a scope (the environment's workspace read from the environment). */
export function bindingScopeOf(
  organizationId: string,
  row: { scopeType: string; workspaceId: string | null; environmentId: string | null; environment?: { workspaceId: string } | null },
): ScopeRef | null {
  if (row.scopeType === "organization") return { level: "organization", organizationId };
  if (row.scopeType === "workspace" && row.workspaceId) return { level: "workspace", organizationId, workspaceId: row.workspaceId };
  if (row.scopeType === "environment" && row.environmentId && row.environment) {
    return { level: "environment", organizationId, workspaceId: row.environment.workspaceId, environmentId: row.environmentId };
  }
  return null;
}

/** The roles a group hands its members, as (scope, role) pairs. */
export async function groupBindings(tx: Tx | ReturnType<typeof db>, organizationId: string, groupId: string): Promise<{ scope: ScopeRef; role: Role }[]> {
  const rows = await tx.roleBinding.findMany({
    where: { organizationId, groupId },
    select: { scopeType: true, workspaceId: true, environmentId: true, role: true, environment: { select: { workspaceId: true } } },
  });
  return rows.flatMap((row) => {
    const scope = bindingScopeOf(organizationId, row);
    return scope && isRole(row.role) ? [{ scope, role: row.role }] : [];
  });
}

/** A group of this organization, or the same 404 as for one that does not exist. */
export async function findGroup(tx: Tx | ReturnType<typeof db>, organizationId: string, groupId: string) {
  if (typeof groupId !== "string" || groupId.length === 0 || groupId.length > 128) throw groupNotFound();
  const group = await tx.group.findFirst({
    where: { id: groupId, organizationId },
    select: { id: true, name: true, description: true, systemKind: true },
  });
  if (!group) throw groupNotFound();
  return group;
}

export const groupNotFound = () => new AppError("not_found", "That group does not exist in this organization.");

/**
 * Locks the organization's Owners group row until the transaction ends, so two owners
 * removing each other at once cannot both succeed; returns it with its member count.
 */
export async function lockOwnersGroup(tx: Tx, organizationId: string): Promise<{ id: string; members: number } | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "group" WHERE organization_id = ${organizationId} AND system_kind = ${OWNERS_KIND} FOR UPDATE`;
  const id = rows[0]?.id;
  if (!id) return null;
  return { id, members: await tx.groupMember.count({ where: { groupId: id } }) };
}

/**
 * Audits an attempt the finer rules refuse (granting above one's role, outside one's
 * scope, into a group that carries more than the caller has), then refuses it.
 */
export async function refuse(
  access: OrganizationAccess,
  action: string,
  target: { type: string; id: string | null },
  refusal: GrantRefusal | { kind: string; message: string },
  summary: Record<string, unknown> = {},
): Promise<never> {
  await writeAuditEvent(db(), {
    action,
    outcome: "denied",
    principal: auditPrincipal(access.principal),
    organizationId: access.organization.id,
    target,
    request: access.request,
    summary: { ...summary, reason: refusal.kind, message: refusal.message },
  }).catch((error: unknown) => console.error("could not audit a refused people change:", error));
  throw new AppError("forbidden", refusal.message, { reason: refusal.kind });
}

/** zod issues as `{ field: message }` for forms, first message per field. */
export function fieldProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}

export function invalid(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const fields = fieldProblems(issues);
  return new AppError("unprocessable", Object.values(fields)[0] ?? "Some fields need attention.", fields);
}
