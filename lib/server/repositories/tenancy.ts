// Tenancy reads, always scoped by who asks (STYLE.md habit 2). A user reaches an
// organization only through their own Membership; everything below it is looked up
// inside the organization (or workspace) already resolved, never by a bare id.
import type { Grant, ScopeRef } from "../../domain/authz";
import { isRole } from "../../domain/authz";
import { db } from "../db";

export interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
}
export interface WorkspaceRow {
  id: string;
  organizationId: string;
  slug: string;
  name: string;
}
export interface EnvironmentRow {
  id: string;
  organizationId: string;
  workspaceId: string;
  slug: string;
  name: string;
}

/** How a caller reaches an organization: as a member (users) or by its id (API tokens, issue 7). */
export type OrganizationReach = { kind: "member"; userId: string } | { kind: "organization"; organizationId: string };

export type Ref = { slug: string } | { id: string };

// Ids are opaque text; bounding them keeps absurd input out of the query planner.
const MAX_KEY = 128;
const tooLong = (ref: Ref) => ("slug" in ref ? ref.slug : ref.id).length > MAX_KEY;
const refWhere = (ref: Ref) => ("slug" in ref ? { slug: ref.slug } : { id: ref.id });

function reachWhere(reach: OrganizationReach) {
  return reach.kind === "member" ? { memberships: { some: { userId: reach.userId } } } : { id: reach.organizationId };
}

const orgSelect = { id: true, slug: true, name: true } as const;
const wsSelect = { id: true, organizationId: true, slug: true, name: true } as const;
const envSelect = { id: true, organizationId: true, workspaceId: true, slug: true, name: true } as const;

export async function findReachableOrganization(reach: OrganizationReach, ref: Ref): Promise<OrganizationRow | null> {
  if (tooLong(ref)) return null;
  return db().organization.findFirst({ where: { ...refWhere(ref), ...reachWhere(reach) }, select: orgSelect });
}

export async function findWorkspaceInOrganization(organizationId: string, ref: Ref): Promise<WorkspaceRow | null> {
  if (tooLong(ref)) return null;
  return db().workspace.findFirst({ where: { organizationId, ...refWhere(ref) }, select: wsSelect });
}

export async function findEnvironmentInWorkspace(workspaceId: string, ref: Ref): Promise<EnvironmentRow | null> {
  if (tooLong(ref)) return null;
  return db().environment.findFirst({ where: { workspaceId, ...refWhere(ref) }, select: envSelect });
}

/** A workspace by id, only if the caller reaches its organization (API routes carry ids). */
export async function findReachableWorkspaceById(reach: OrganizationReach, workspaceId: string) {
  if (workspaceId.length > MAX_KEY) return null;
  const row = await db().workspace.findFirst({
    where: { id: workspaceId, organization: reachWhere(reach) },
    select: { ...wsSelect, organization: { select: orgSelect } },
  });
  if (!row) return null;
  const { organization, ...workspace } = row;
  return { organization, workspace };
}

/** An environment by id, only if the caller reaches its organization. */
export async function findReachableEnvironmentById(reach: OrganizationReach, environmentId: string) {
  if (environmentId.length > MAX_KEY) return null;
  const row = await db().environment.findFirst({
    where: { id: environmentId, organization: reachWhere(reach) },
    select: { ...envSelect, organization: { select: orgSelect }, workspace: { select: wsSelect } },
  });
  if (!row) return null;
  const { organization, workspace, ...environment } = row;
  return { organization, workspace, environment };
}

/**
 * The caller's grants in one organization: the role bindings of the groups they are in,
 * and nothing else (roles reach users only through groups). An environment binding's
 * workspace is read from the environment, so it never depends on a denormalized column.
 */
export async function loadUserGrants(userId: string, organizationId: string): Promise<Grant[]> {
  const rows = await db().roleBinding.findMany({
    where: { organizationId, group: { organizationId, members: { some: { userId } } } },
    select: {
      role: true,
      scopeType: true,
      workspaceId: true,
      environmentId: true,
      group: { select: { id: true, name: true } },
      environment: { select: { workspaceId: true } },
    },
  });
  const grants: Grant[] = [];
  for (const row of rows) {
    const scope = bindingScope(organizationId, row);
    if (!scope || !isRole(row.role)) continue; // an unreadable row grants nothing
    grants.push({ scope, role: row.role, source: { kind: "group", groupId: row.group.id, groupName: row.group.name } });
  }
  return grants;
}

function bindingScope(
  organizationId: string,
  row: { scopeType: string; workspaceId: string | null; environmentId: string | null; environment: { workspaceId: string } | null },
): ScopeRef | null {
  switch (row.scopeType) {
    case "organization":
      return { level: "organization", organizationId };
    case "workspace":
      return row.workspaceId ? { level: "workspace", organizationId, workspaceId: row.workspaceId } : null;
    case "environment":
      return row.environmentId && row.environment
        ? { level: "environment", organizationId, workspaceId: row.environment.workspaceId, environmentId: row.environmentId }
        : null;
    default:
      return null;
  }
}

export async function isOrganizationMember(userId: string, organizationId: string): Promise<boolean> {
  const row = await db().membership.findUnique({ where: { organizationId_userId: { organizationId, userId } }, select: { id: true } });
  return row !== null;
}

/** The organizations a user belongs to, oldest membership first. */
export async function listOrganizationsOfUser(userId: string): Promise<OrganizationRow[]> {
  const rows = await db().membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { organization: { select: orgSelect } },
  });
  return rows.map((r) => r.organization);
}

export type WorkspaceWithEnvironments = WorkspaceRow & { environments: EnvironmentRow[] };

/** Every workspace of one organization with its environments (the caller filters by grants). */
export async function listWorkspacesWithEnvironments(organizationId: string): Promise<WorkspaceWithEnvironments[]> {
  return db().workspace.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
    select: { ...wsSelect, environments: { select: envSelect, orderBy: { createdAt: "asc" } } },
  });
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
  groups: { id: string; name: string }[];
}

/** Oldest member first; `page` (the REST list's limit and offset) takes one slice of that order. */
export async function listMembers(organizationId: string, page?: { limit: number; offset: number }): Promise<MemberRow[]> {
  const rows = await db().membership.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...(page ? { skip: page.offset, take: page.limit } : {}),
    select: {
      createdAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          groupMembers: { where: { group: { organizationId } }, select: { group: { select: { id: true, name: true } } } },
        },
      },
    },
  });
  return rows.map((r) => ({
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    joinedAt: r.createdAt,
    groups: r.user.groupMembers.map((g) => g.group),
  }));
}

export function countMembers(organizationId: string): Promise<number> {
  return db().membership.count({ where: { organizationId } });
}
