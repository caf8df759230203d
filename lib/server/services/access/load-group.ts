// One group's page: its members, its bindings, who else could join, and the scopes a
// binding may name (every workspace and environment of the organization).
import { effectiveRole, grantRefusal, roleAtLeast, type ScopeRef } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { db } from "../../db";
import { listWorkspacesWithEnvironments } from "../../repositories/tenancy";
import { sortEnvironments } from "../tenancy/load-shell-navigation";
import { bindingSelect, bindingView, sortBindings, type BindingView } from "./list-groups";
import { bindingScopeOf, callerGrants, findGroup, OWNERS_KIND } from "./people-guards";

export interface GroupDetail {
  id: string;
  name: string;
  description: string;
  isOwners: boolean;
  members: { userId: string; name: string; email: string; addedAt: Date }[];
  /** Each binding, and whether the caller may remove it (admin at its scope, at least its role). */
  bindings: (BindingView & { canRemove: boolean })[];
  candidates: { userId: string; name: string; email: string }[];
  /** The scopes the caller may bind roles at (where they are admin, or wider). */
  scopes: { value: string; label: string; group: string }[];
}

export async function loadGroup(access: Access<"group.read" | "group.manage">, groupId: string): Promise<GroupDetail> {
  const organizationId = access.organization.id;
  const group = await findGroup(db(), organizationId, groupId);
  const [members, bindings, memberships, workspaces, grants] = await Promise.all([
    db().groupMember.findMany({ where: { groupId: group.id }, orderBy: { createdAt: "asc" }, select: { createdAt: true, user: { select: { id: true, name: true, email: true } } } }),
    db().roleBinding.findMany({
      where: { groupId: group.id, organizationId },
      select: { ...bindingSelect, scopeType: true, workspaceId: true, environmentId: true, environment: { select: { slug: true, workspaceId: true, workspace: { select: { slug: true, name: true } } } } },
    }),
    db().membership.findMany({ where: { organizationId }, select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } }),
    listWorkspacesWithEnvironments(organizationId),
    callerGrants(access),
  ]);
  const adminAt = (scope: ScopeRef) => roleAtLeast(effectiveRole(grants, scope), "admin");
  const inGroup = new Set(members.map((m) => m.user.id));
  const scopes: GroupDetail["scopes"] = [];
  if (adminAt({ level: "organization", organizationId })) scopes.push({ value: "organization", label: "Whole organization", group: "Organization" });
  for (const ws of workspaces) {
    if (adminAt({ level: "workspace", organizationId, workspaceId: ws.id })) scopes.push({ value: `workspace:${ws.id}`, label: `${ws.name} (all environments)`, group: ws.name });
    for (const env of sortEnvironments(ws.environments)) {
      if (adminAt({ level: "environment", organizationId, workspaceId: ws.id, environmentId: env.id })) {
        scopes.push({ value: `environment:${env.id}`, label: `${ws.name} / ${env.slug}`, group: ws.name });
      }
    }
  }
  const isOwners = group.systemKind === OWNERS_KIND;
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    isOwners,
    members: members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, addedAt: m.createdAt })),
    bindings: sortBindings(bindings.flatMap((b) => bindingView(b) ?? [])).map((view) => {
      const row = bindings.find((b) => b.id === view.id)!;
      const scope = bindingScopeOf(organizationId, row);
      const ownersOwn = isOwners && view.role === "owner" && view.scope.level === "organization";
      return { ...view, canRemove: Boolean(scope) && !ownersOwn && grantRefusal(grants, scope!, view.role) === null };
    }),
    candidates: memberships.map((m) => m.user).filter((u) => !inGroup.has(u.id)).map((u) => ({ userId: u.id, name: u.name, email: u.email })),
    scopes,
  };
}
