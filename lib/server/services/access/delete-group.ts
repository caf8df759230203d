// Deletes a group: its members lose every role it gave them, at once. The Owners group
// cannot be deleted; nor can a group that carries a role above the caller's own.
import { groupMembershipRefusal } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { db } from "../../db";
import { AppError } from "../../errors";
import { callerGrants, findGroup, groupBindings, OWNERS_KIND, refuse, requireUser } from "./people-guards";

export async function deleteGroup(access: Access<"group.manage">, groupId: string): Promise<{ name: string }> {
  requireUser(access);
  const organizationId = access.organization.id;
  const group = await findGroup(db(), organizationId, groupId);
  if (group.systemKind === OWNERS_KIND) {
    throw new AppError("conflict", "The Owners group cannot be deleted: every organization needs its owners.");
  }
  const refusal = groupMembershipRefusal(await callerGrants(access), await groupBindings(db(), organizationId, group.id));
  if (refusal) await refuse(access, "group.delete", { type: "group", id: group.id }, refusal, { name: group.name });

  return mutate(access, "group.delete", { type: "group", id: group.id }, async (tx, audit) => {
    const [members, bindings] = await Promise.all([
      tx.groupMember.count({ where: { groupId: group.id } }),
      tx.roleBinding.findMany({ where: { groupId: group.id, organizationId }, select: { scopeType: true, workspaceId: true, environmentId: true, role: true } }),
    ]);
    const { count } = await tx.group.deleteMany({ where: { id: group.id, organizationId } });
    if (count !== 1) throw new AppError("not_found", "That group does not exist in this organization.");
    audit.summary = { name: group.name, members, bindings };
    return { name: group.name };
  });
}
