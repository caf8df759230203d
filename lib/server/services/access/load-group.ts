// One group's page: its members, its bindings, who else could join, and the scopes a
// binding may name (every workspace and environment of the organization).
import type { Access } from "../../authz/access";
import { db } from "../../db";
import { listWorkspacesWithEnvironments } from "../../repositories/tenancy";
import { sortEnvironments } from "../tenancy/load-shell-navigation";
import { bindingSelect, bindingView, sortBindings, type BindingView } from "./list-groups";
import { findGroup, OWNERS_KIND } from "./people-guards";

export interface GroupDetail {
  id: string;
  name: string;
  description: string;
  isOwners: boolean;
  members: { userId: string; name: string; email: string; addedAt: Date }[];
  bindings: BindingView[];
  candidates: { userId: string; name: string; email: string }[];
  scopes: { value: string; label: string; group: string }[];
}

export async function loadGroup(access: Access<"group.read">, groupId: string): Promise<GroupDetail> {
  const organizationId = access.organization.id;
  const group = await findGroup(db(), organizationId, groupId);
  const [members, bindings, memberships, workspaces] = await Promise.all([
    db().groupMember.findMany({ where: { groupId: group.id }, orderBy: { createdAt: "asc" }, select: { createdAt: true, user: { select: { id: true, name: true, email: true } } } }),
    db().roleBinding.findMany({ where: { groupId: group.id, organizationId }, select: bindingSelect }),
    db().membership.findMany({ where: { organizationId }, select: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } }),
    listWorkspacesWithEnvironments(organizationId),
  ]);
  const inGroup = new Set(members.map((m) => m.user.id));
  const scopes = [{ value: "organization", label: "Whole organization", group: "Organization" }];
  for (const ws of workspaces) {
    scopes.push({ value: `workspace:${ws.id}`, label: `${ws.name} (all environments)`, group: ws.name });
    for (const env of sortEnvironments(ws.environments)) scopes.push({ value: `environment:${env.id}`, label: `${ws.name} / ${env.slug}`, group: ws.name });
  }
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    isOwners: group.systemKind === OWNERS_KIND,
    members: members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, addedAt: m.createdAt })),
    bindings: sortBindings(bindings.flatMap((b) => bindingView(b) ?? [])),
    candidates: memberships.map((m) => m.user).filter((u) => !inGroup.has(u.id)).map((u) => ({ userId: u.id, name: u.name, email: u.email })),
    scopes,
  };
}
