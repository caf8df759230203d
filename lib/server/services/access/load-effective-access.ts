// "Effective access" for one member: for the organization, every workspace and every
// environment, the role they end up with and the group binding(s) that give it, computed
// by the same pure rule the gate uses.
import { effectiveRole, scopeContains, type Grant, type Role, type ScopeRef } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { db } from "../../db";
import { AppError } from "../../errors";
import { listWorkspacesWithEnvironments, loadUserGrants } from "../../repositories/tenancy";
import { sortEnvironments } from "../tenancy/load-shell-navigation";

export interface AccessLine {
  scope: ScopeRef;
  label: string;
  envSlug: string | null;
  role: Role | null;
  /** The bindings that give exactly this role here ("Data team: editor on dev"). */
  sources: { groupId: string; groupName: string; bindingScope: ScopeRef["level"] }[];
}

export interface EffectiveAccess {
  member: { userId: string; name: string; email: string; groups: { id: string; name: string }[] };
  organization: AccessLine;
  workspaces: { id: string; name: string; slug: string; line: AccessLine; environments: AccessLine[] }[];
}

export async function loadEffectiveAccess(access: Access<"member.read">, userId: string): Promise<EffectiveAccess> {
  const organizationId = access.organization.id;
  const id = String(userId ?? "").slice(0, 128);
  const membership = id
    ? await db().membership.findFirst({
        where: { organizationId, userId: id },
        select: { user: { select: { id: true, name: true, email: true, groupMembers: { where: { group: { organizationId } }, select: { group: { select: { id: true, name: true } } } } } } },
      })
    : null;
  if (!membership) throw new AppError("not_found", "That person is not a member of this organization.");
  const [grants, workspaces] = await Promise.all([loadUserGrants(id, organizationId), listWorkspacesWithEnvironments(organizationId)]);
  const org: ScopeRef = { level: "organization", organizationId };
  return {
    member: { userId: membership.user.id, name: membership.user.name, email: membership.user.email, groups: membership.user.groupMembers.map((g) => g.group) },
    organization: line(grants, org, "Whole organization", null),
    workspaces: workspaces.map((ws) => {
      const wsScope: ScopeRef = { level: "workspace", organizationId, workspaceId: ws.id };
      return {
        id: ws.id,
        name: ws.name,
        slug: ws.slug,
        line: line(grants, wsScope, ws.name, null),
        environments: sortEnvironments(ws.environments).map((env) =>
          line(grants, { level: "environment", organizationId, workspaceId: ws.id, environmentId: env.id }, `${ws.name} / ${env.slug}`, env.slug),
        ),
      };
    }),
  };
}

function line(grants: Grant[], scope: ScopeRef, label: string, envSlug: string | null): AccessLine {
  const role = effectiveRole(grants, scope);
  const sources = grants
    .filter((g) => g.role === role && scopeContains(g.scope, scope) && g.source?.kind === "group")
    .map((g) => {
      const source = g.source as { kind: "group"; groupId: string; groupName: string };
      return { groupId: source.groupId, groupName: source.groupName, bindingScope: g.scope.level };
    });
  return { scope, label, envSlug, role, sources };
}
