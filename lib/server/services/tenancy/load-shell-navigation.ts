// What the app shell's switcher shows: the caller's organizations, and in the current
// one only the workspaces and environments their grants let them see.
import { canSee, effectiveRole, type Grant, type Role, type ScopeRef } from "../../../domain/authz";
import type { OrganizationAccess } from "../../authz/access";
import { loadGrants } from "../../authz/check-access";
import { listOrganizationsOfUser, listWorkspacesWithEnvironments, type OrganizationRow } from "../../repositories/tenancy";

export interface ShellEnvironment {
  id: string;
  slug: string;
  name: string;
  role: Role;
}
export interface ShellWorkspace {
  id: string;
  slug: string;
  name: string;
  environments: ShellEnvironment[];
}
export interface ShellNavigation {
  organizations: OrganizationRow[];
  workspaces: ShellWorkspace[];
  /** The caller's role on the organization itself (null: member without an org-wide role). */
  organizationRole: Role | null;
}

export async function loadShellNavigation(access: OrganizationAccess): Promise<ShellNavigation> {
  const organization = access.organization;
  const [organizations, all, [grants, organizationMember]] = await Promise.all([
    access.principal.kind === "user" ? listOrganizationsOfUser(access.principal.userId) : Promise.resolve([organization]),
    listWorkspacesWithEnvironments(organization.id),
    loadGrants(access.principal, organization.id),
  ]);
  return {
    organizations,
    workspaces: visibleWorkspaces(grants, organization.id, all, organizationMember),
    organizationRole: effectiveRole(grants, { level: "organization", organizationId: organization.id }),
  };
}

function visibleWorkspaces(
  grants: Grant[],
  organizationId: string,
  workspaces: Awaited<ReturnType<typeof listWorkspacesWithEnvironments>>,
  organizationMember: boolean,
): ShellWorkspace[] {
  const result: ShellWorkspace[] = [];
  for (const ws of workspaces) {
    const wsScope: ScopeRef = { level: "workspace", organizationId, workspaceId: ws.id };
    if (!canSee(grants, wsScope, { organizationMember })) continue;
    const environments: ShellEnvironment[] = [];
    for (const env of ws.environments) {
      const role = effectiveRole(grants, { level: "environment", organizationId, workspaceId: ws.id, environmentId: env.id });
      if (role) environments.push({ id: env.id, slug: env.slug, name: env.name, role });
    }
    result.push({ id: ws.id, slug: ws.slug, name: ws.name, environments: sortEnvironments(environments) });
  }
  return result;
}

const ORDER = ["dev", "stg", "prd"];
/** dev, stg, prd first in that order, then any others alphabetically. */
export function sortEnvironments<T extends { slug: string }>(envs: T[]): T[] {
  const rank = (s: string) => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.length);
  return [...envs].sort((a, b) => rank(a.slug) - rank(b.slug) || a.slug.localeCompare(b.slug));
}
