// Removes a binding: the group's members lose that role at once. Taking a role away
// needs the same authority as giving it (admin at its scope, and at least that role);
// the Owners group's owner binding stays, or the organization would have no owner.
import { grantRefusal, isRole } from "../../../domain/authz";
import type { OrganizationAccess } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { db } from "../../db";
import { AppError } from "../../errors";
import { bindingScopeOf, callerGrants, OWNERS_KIND, refuse, requireUser } from "./people-guards";

/** `groupId`: when the caller names the binding through its group (the REST path), a binding of another group is the same 404. */
export async function deleteRoleBinding(access: OrganizationAccess, bindingId: string, options: { groupId?: string } = {}) {
  requireUser(access);
  const organizationId = access.organization.id;
  const binding =
    typeof bindingId === "string" && bindingId.length > 0 && bindingId.length <= 128
      ? await db().roleBinding.findFirst({
          where: { id: bindingId, organizationId, ...(options.groupId === undefined ? {} : { groupId: String(options.groupId).slice(0, 128) }) },
          select: {
            id: true,
            role: true,
            scopeType: true,
            workspaceId: true,
            environmentId: true,
            group: { select: { id: true, name: true, systemKind: true } },
            workspace: { select: { id: true, organizationId: true, slug: true, name: true } },
            environment: { select: { id: true, organizationId: true, workspaceId: true, slug: true, name: true, workspace: { select: { id: true, organizationId: true, slug: true, name: true } } } },
          },
        })
      : null;
  const scope = binding && bindingScopeOf(organizationId, binding);
  if (!binding || !scope || !isRole(binding.role)) throw new AppError("not_found", "That role binding does not exist in this organization.");
  if (binding.group.systemKind === OWNERS_KIND && binding.role === "owner" && scope.level === "organization") {
    throw new AppError("conflict", "The Owners group's owner role cannot be removed: it is what makes its members owners.");
  }
  const label = binding.environment ? `${binding.environment.workspace.slug}/${binding.environment.slug}` : binding.workspace ? `workspace ${binding.workspace.slug}` : "the organization";
  const refusal = grantRefusal(await callerGrants(access), scope, binding.role);
  if (refusal) await refuse(access, "role_binding.delete", { type: "role_binding", id: binding.id }, refusal, { group: binding.group.name, scope: label, role: binding.role });

  const { workspace: environmentWorkspace, ...environment } = binding.environment ?? { workspace: null };
  const audited = {
    ...access,
    workspace: binding.workspace ?? environmentWorkspace,
    environment: binding.environment ? environment : null,
  } as OrganizationAccess;
  return mutate(audited, "role_binding.delete", { type: "role_binding", id: binding.id }, async (tx, audit) => {
    const { count } = await tx.roleBinding.deleteMany({ where: { id: binding.id, organizationId } });
    if (count !== 1) throw new AppError("not_found", "That role binding does not exist in this organization.");
    audit.summary = { group: binding.group.name, groupId: binding.group.id, scope: label, role: binding.role };
    return { group: binding.group.name, scope: label, role: binding.role };
  });
}
