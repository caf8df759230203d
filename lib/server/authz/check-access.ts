// The gate itself: principal + permission + scope -> Access, or an AppError that says
// not_found (the caller may not know it exists) or forbidden (they see it, their role
// is too low). The wrappers (pageAccess, actionAccess, withAccess) only translate.
import { decideAccess, PERMISSIONS, type Grant, type LevelOf, type Permission, type ScopeRef } from "../../domain/authz";
import { writeAuditEvent } from "../audit/write-audit-event";
import { db } from "../db";
import { AppError } from "../errors";
import { requestContext } from "../request-context";
import {
  findEnvironmentInWorkspace,
  findReachableEnvironmentById,
  findReachableOrganization,
  findReachableWorkspaceById,
  findWorkspaceInOrganization,
  isOrganizationMember,
  loadUserGrants,
  type EnvironmentRow,
  type OrganizationReach,
  type OrganizationRow,
  type WorkspaceRow,
} from "../repositories/tenancy";
import type { Access } from "./access";
import { auditPrincipal, resolvePrincipal, type Principal } from "./principal";
import type { AnyScopeInput, ScopeInput } from "./scope-input";

/** The same answer for a foreign, missing or malformed id: nothing to tell them apart. */
export const NOT_FOUND_MESSAGE = "Not found. Check the address, or ask an admin of the organization for access.";

/** The gate for the current request: resolves who is calling, then checks. */
export async function requireAccess<P extends Permission>(permission: P, scope: ScopeInput<P>): Promise<Access<P>> {
  const principal = await resolvePrincipal();
  if (!principal) throw new AppError("unauthenticated", "You are not signed in. Log in, or send an API token, and try again.");
  return checkAccess(principal, permission, scope);
}

export interface CheckOptions {
  /**
   * Set on entry points only a person may use (the organization-scope people API): an API
   * token gets 403 with this message, decided before any lookup, so the answer is the same
   * whatever organization the request names and reveals nothing about it.
   */
  sessionsOnly?: string;
}

/** The gate for a known principal (used by requireAccess, and by tests and the matrix). */
export async function checkAccess<P extends Permission>(principal: Principal, permission: P, scope: ScopeInput<P>, options: CheckOptions = {}): Promise<Access<P>> {
  const rule = PERMISSIONS[permission];
  const request = await requestContext();
  const base = { permission, principal, request };

  if (rule.level === "account") {
    if (principal.kind !== "user") {
      await refuseToken(principal, permission, { type: "account" }, "API tokens cannot act on a person's account", request);
      throw new AppError("forbidden", "API tokens cannot act on a person's account. Sign in as that person.");
    }
    return { ...base, role: null, organization: null, workspace: null, environment: null } as unknown as Access<P>;
  }
  if (options.sessionsOnly && principal.kind !== "user") {
    await refuseToken(principal, permission, { type: rule.level }, "sessions only: organization-scope API tokens do not exist yet", request);
    throw new AppError("forbidden", options.sessionsOnly);
  }

  const resolved = await resolveRows(principal, rule.level, scope as AnyScopeInput);
  if (!resolved) throw new AppError("not_found", NOT_FOUND_MESSAGE);
  const { organization, workspace, environment } = resolved;
  // A token sees exactly its environment: its workspace and organization are outside it.
  if (principal.kind === "token" && environment?.id !== principal.environmentId) throw new AppError("not_found", NOT_FOUND_MESSAGE);
  const target = targetOf(organization, workspace, environment);
  const [grants, organizationMember] = await loadGrants(principal, organization.id);
  const decision = decideAccess({ grants, target, permission, organizationMember });

  if (decision.outcome === "not_found") throw new AppError("not_found", NOT_FOUND_MESSAGE);
  if (decision.outcome === "forbidden") {
    await auditDenial(principal, permission, resolved, decision.required, decision.role, request);
    throw new AppError(
      "forbidden",
      `You need the ${decision.required} role here to ${rule.description.toLowerCase()}; you have ${decision.role ?? "no role"}. Ask an admin to add you to a group with that role.`,
      { permission, required: decision.required, role: decision.role },
    );
  }
  return { ...base, role: decision.role, organization, workspace, environment } as unknown as Access<P>;
}

type Rows = { organization: OrganizationRow; workspace: WorkspaceRow | null; environment: EnvironmentRow | null };

function reachOf(principal: Principal): OrganizationReach {
  return principal.kind === "user" ? { kind: "member", userId: principal.userId } : { kind: "organization", organizationId: principal.organizationId };
}

/** Loads the rows the scope names, only inside organizations the caller reaches. */
async function resolveRows(principal: Principal, level: LevelOf<Permission>, scope: AnyScopeInput): Promise<Rows | null> {
  if (!scope || typeof scope !== "object") return null;
  const reach = reachOf(principal);
  const text = (v: unknown): v is string => typeof v === "string" && v.length > 0;

  if ("environmentId" in scope) {
    if (level !== "environment" || !text(scope.environmentId)) return null;
    return findReachableEnvironmentById(reach, scope.environmentId);
  }
  if ("workspaceId" in scope) {
    if (level !== "workspace" || !text(scope.workspaceId)) return null;
    const found = await findReachableWorkspaceById(reach, scope.workspaceId);
    return found && { ...found, environment: null };
  }
  if ("organizationId" in scope) {
    if (level !== "organization" || !text(scope.organizationId)) return null;
    const organization = await findReachableOrganization(reach, { id: scope.organizationId });
    return organization && { organization, workspace: null, environment: null };
  }
  if (!("orgSlug" in scope) || !text(scope.orgSlug)) return null;
  const organization = await findReachableOrganization(reach, { slug: scope.orgSlug });
  if (!organization) return null;
  if (level === "organization") return { organization, workspace: null, environment: null };
  if (!text(scope.workspaceSlug)) return null;
  const workspace = await findWorkspaceInOrganization(organization.id, { slug: scope.workspaceSlug });
  if (!workspace) return null;
  if (level === "workspace") return { organization, workspace, environment: null };
  if (!text(scope.envSlug)) return null;
  const environment = await findEnvironmentInWorkspace(workspace.id, { slug: scope.envSlug });
  return environment && { organization, workspace, environment };
}

function targetOf(organization: OrganizationRow, workspace: WorkspaceRow | null, environment: EnvironmentRow | null): ScopeRef {
  if (environment) return { level: "environment", organizationId: organization.id, workspaceId: environment.workspaceId, environmentId: environment.id };
  if (workspace) return { level: "workspace", organizationId: organization.id, workspaceId: workspace.id };
  return { level: "organization", organizationId: organization.id };
}

/** Only the caller's own grants: their groups' bindings, or the token's single grant. */
export async function loadGrants(principal: Principal, organizationId: string): Promise<[Grant[], boolean]> {
  if (principal.kind === "token") {
    if (principal.organizationId !== organizationId) return [[], false];
    const scope: ScopeRef = {
      level: "environment",
      organizationId,
      workspaceId: principal.workspaceId,
      environmentId: principal.environmentId,
    };
    return [[{ scope, role: principal.role, source: { kind: "token", tokenId: principal.tokenId } }], false];
  }
  return Promise.all([loadUserGrants(principal.userId, organizationId), isOrganizationMember(principal.userId, organizationId)]);
}

/** A token refused for what it is, not for where it points: audited in its own organization, like every other refusal it meets. */
async function refuseToken(
  principal: Exclude<Principal, { kind: "user" }>,
  permission: Permission,
  target: { type: string },
  reason: string,
  request: Awaited<ReturnType<typeof requestContext>>,
): Promise<void> {
  await writeAuditEvent(db(), {
    action: permission,
    outcome: "denied",
    principal: auditPrincipal(principal),
    organizationId: principal.organizationId,
    workspaceId: principal.workspaceId,
    environmentId: principal.environmentId,
    target,
    request,
    summary: { reason },
  }).catch((error: unknown) => console.error("could not audit a denied request:", error));
}

/** Every refused attempt on something the caller can see is audited (not 404s: see 0003). */
async function auditDenial(
  principal: Principal,
  permission: Permission,
  rows: Rows,
  required: string,
  role: string | null,
  request: Awaited<ReturnType<typeof requestContext>>,
): Promise<void> {
  const target = rows.environment
    ? { type: "environment", id: rows.environment.id }
    : rows.workspace
      ? { type: "workspace", id: rows.workspace.id }
      : { type: "organization", id: rows.organization.id };
  await writeAuditEvent(db(), {
    action: permission,
    outcome: "denied",
    principal: auditPrincipal(principal),
    organizationId: rows.organization.id,
    workspaceId: rows.workspace?.id ?? null,
    environmentId: rows.environment?.id ?? null,
    target,
    request,
    summary: { required, role },
  }).catch((error: unknown) => {
    // A denial must still be refused if the audit insert fails; say so loudly.
    console.error("could not audit a denied request:", error);
  });
}
