// The groups page: every group with its member count and bindings, Owners first.
import { isRole, type Role } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { db } from "../../db";
import { OWNERS_KIND } from "./people-guards";

export interface BindingView {
  id: string;
  role: Role;
  scope: { level: "organization" } | { level: "workspace"; workspaceSlug: string; workspaceName: string } | { level: "environment"; workspaceSlug: string; workspaceName: string; envSlug: string };
  /** The workspace's or environment's id (null for the organization), as the REST API names scopes. */
  scopeId: string | null;
  label: string;
}

export interface GroupSummary {
  id: string;
  name: string;
  description: string;
  isOwners: boolean;
  members: number;
  bindings: BindingView[];
}

export const bindingSelect = {
  id: true,
  role: true,
  scopeType: true,
  workspaceId: true,
  environmentId: true,
  workspace: { select: { slug: true, name: true } },
  environment: { select: { slug: true, workspace: { select: { slug: true, name: true } } } },
} as const;

type BindingRow = {
  id: string;
  role: string;
  scopeType: string;
  workspaceId: string | null;
  environmentId: string | null;
  workspace: { slug: string; name: string } | null;
  environment: { slug: string; workspace: { slug: string; name: string } } | null;
};

export function bindingView(row: BindingRow): BindingView | null {
  if (!isRole(row.role)) return null;
  if (row.scopeType === "organization") return { id: row.id, role: row.role, scope: { level: "organization" }, scopeId: null, label: "Whole organization" };
  if (row.scopeType === "workspace" && row.workspace) {
    const scope = { level: "workspace", workspaceSlug: row.workspace.slug, workspaceName: row.workspace.name } as const;
    return { id: row.id, role: row.role, scope, scopeId: row.workspaceId, label: `${row.workspace.name} (all environments)` };
  }
  if (row.scopeType === "environment" && row.environment) {
    const ws = row.environment.workspace;
    const scope = { level: "environment", workspaceSlug: ws.slug, workspaceName: ws.name, envSlug: row.environment.slug } as const;
    return { id: row.id, role: row.role, scope, scopeId: row.environmentId, label: `${ws.name} / ${row.environment.slug}` };
  }
  return null;
}

const LEVEL_ORDER = { organization: 0, workspace: 1, environment: 2 } as const;
export const sortBindings = (list: BindingView[]) =>
  [...list].sort((a, b) => LEVEL_ORDER[a.scope.level] - LEVEL_ORDER[b.scope.level] || a.label.localeCompare(b.label));

export async function listGroups(access: Access<"group.read">): Promise<GroupSummary[]> {
  const rows = await db().group.findMany({
    where: { organizationId: access.organization.id },
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, systemKind: true, _count: { select: { members: true } }, roleBindings: { select: bindingSelect } },
  });
  const groups = rows.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    isOwners: g.systemKind === OWNERS_KIND,
    members: g._count.members,
    bindings: sortBindings(g.roleBindings.flatMap((b) => bindingView(b) ?? [])),
  }));
  return [...groups.filter((g) => g.isOwners), ...groups.filter((g) => !g.isOwners)];
}
