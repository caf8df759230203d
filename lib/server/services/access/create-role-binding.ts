// Binds a group to a role at a scope: the organization, one workspace, or one
// environment. Roles go to groups only. The gate lets any member of the organization in;
// the rule that decides is the caller's own role at the binding's scope: admin there (or
// wider), and never a role above their own.
import { z } from "zod";
import { grantRefusal, ROLES, type ScopeRef } from "../../../domain/authz";
import type { OrganizationAccess } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { db } from "../../db";
import { AppError } from "../../errors";
import { callerGrants, findGroup, invalid, refuse, requireUser } from "./people-guards";

const id = z.string().min(1).max(128);

export const ZBindingScopeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("organization") }),
  z.object({ type: z.literal("workspace"), workspaceId: id }),
  z.object({ type: z.literal("environment"), environmentId: id }),
]);

export const ZCreateRoleBindingRequestSchema = z.object({
  groupId: id,
  scope: ZBindingScopeSchema,
  role: z.enum(ROLES, { error: "Choose a role: viewer, operator, editor, admin or owner." }),
});

export type CreateRoleBindingRequest = z.input<typeof ZCreateRoleBindingRequestSchema>;

export const GROUPS_ONLY_MESSAGE = "Roles are given to groups only, never to one person. Put the person in a group and bind the group.";

/** "organization", "workspace:<id>" or "environment:<id>", as a form's select sends it. */
export function parseScopeValue(value: string): z.input<typeof ZBindingScopeSchema> | null {
  if (value === "organization") return { type: "organization" };
  const [type, ref] = value.split(":", 2);
  if (type === "workspace" && ref) return { type, workspaceId: ref };
  if (type === "environment" && ref) return { type, environmentId: ref };
  return null;
}

export async function createRoleBinding(access: OrganizationAccess, input: CreateRoleBindingRequest & { userId?: unknown; principal?: unknown }) {
  requireUser(access);
  if (input && typeof input === "object" && ("userId" in input || "principal" in input || "tokenId" in input)) {
    throw new AppError("unprocessable", GROUPS_ONLY_MESSAGE, { groupId: GROUPS_ONLY_MESSAGE });
  }
  const parsed = ZCreateRoleBindingRequestSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const { groupId, role } = parsed.data;
  const organizationId = access.organization.id;
  const group = await findGroup(db(), organizationId, groupId);
  const { scope, rows, label } = await resolveScope(organizationId, parsed.data.scope);

  const refusal = grantRefusal(await callerGrants(access), scope, role);
  if (refusal?.kind === "invalid") throw new AppError("unprocessable", refusal.message, { role: refusal.message });
  if (refusal) await refuse(access, "role_binding.create", { type: "group", id: group.id }, refusal, { group: group.name, scope: label, role });

  const audited = { ...access, workspace: rows.workspace, environment: rows.environment } as OrganizationAccess;
  return mutate(audited, "role_binding.create", { type: "role_binding" }, async (tx, audit) => {
    const where = {
      organizationId,
      groupId: group.id,
      scopeType: scope.level,
      workspaceId: scope.level === "workspace" ? scope.workspaceId : null,
      environmentId: scope.level === "environment" ? scope.environmentId : null,
    };
    const existing = await tx.roleBinding.findFirst({ where, select: { role: true } });
    if (existing) {
      const message = `${group.name} already has ${existing.role} on ${label}. Remove that binding first to change it.`;
      throw new AppError("conflict", message, { scope: message });
    }
    const binding = await tx.roleBinding.create({ data: { ...where, role }, select: { id: true } });
    audit.targetId = binding.id;
    audit.summary = { group: group.name, groupId: group.id, scope: label, role };
    return { id: binding.id, group: group.name, scope: label, role };
  });
}

type ScopeRows = { workspace: { id: string; organizationId: string; slug: string; name: string } | null; environment: { id: string; organizationId: string; workspaceId: string; slug: string; name: string } | null };

/** The scope's rows, only inside this organization; anything else is the same 404. */
async function resolveScope(organizationId: string, scope: z.output<typeof ZBindingScopeSchema>): Promise<{ scope: ScopeRef; rows: ScopeRows; label: string }> {
  const missing = () => new AppError("not_found", "That workspace or environment does not exist in this organization.");
  if (scope.type === "organization") return { scope: { level: "organization", organizationId }, rows: { workspace: null, environment: null }, label: "the organization" };
  if (scope.type === "workspace") {
    const workspace = await db().workspace.findFirst({ where: { id: scope.workspaceId, organizationId }, select: { id: true, organizationId: true, slug: true, name: true } });
    if (!workspace) throw missing();
    return { scope: { level: "workspace", organizationId, workspaceId: workspace.id }, rows: { workspace, environment: null }, label: `workspace ${workspace.slug}` };
  }
  const environment = await db().environment.findFirst({
    where: { id: scope.environmentId, organizationId },
    select: { id: true, organizationId: true, workspaceId: true, slug: true, name: true, workspace: { select: { id: true, organizationId: true, slug: true, name: true } } },
  });
  if (!environment) throw missing();
  const { workspace, ...env } = environment;
  return {
    scope: { level: "environment", organizationId, workspaceId: workspace.id, environmentId: env.id },
    rows: { workspace, environment: env },
    label: `${workspace.slug}/${env.slug}`,
  };
}
