// Puts a member of the organization into a group: they get every role the group is bound
// with, at once. Nobody adds anyone (themselves included) to a group that carries a role
// above their own, so an admin cannot make anyone an owner.
import { groupMembershipRefusal } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { db } from "../../db";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { callerGrants, findGroup, groupBindings, refuse, requireUser } from "./people-guards";

export async function addGroupMember(access: Access<"group.manage">, groupId: string, input: { userId: string }) {
  requireUser(access);
  const organizationId = access.organization.id;
  const group = await findGroup(db(), organizationId, groupId);
  const userId = String(input.userId ?? "");
  const member = userId && userId.length <= 128
    ? await db().membership.findFirst({ where: { organizationId, userId }, select: { user: { select: { id: true, email: true, name: true } } } })
    : null;
  if (!member) {
    const message = "Choose a member of this organization. To add someone new, invite them first.";
    throw new AppError("unprocessable", message, { userId: message });
  }
  const refusal = groupMembershipRefusal(await callerGrants(access), await groupBindings(db(), organizationId, group.id));
  if (refusal) await refuse(access, "group.member_add", { type: "group", id: group.id }, refusal, { group: group.name, user: member.user.email });

  try {
    return await mutate(access, "group.member_add", { type: "group", id: group.id }, async (tx, audit) => {
      await tx.groupMember.create({ data: { groupId: group.id, userId: member.user.id } });
      audit.summary = { group: group.name, userId: member.user.id, user: member.user.email };
      return { group: group.name, user: member.user };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `${member.user.name} is already in ${group.name}.`;
      throw new AppError("conflict", message, { userId: message });
    }
    throw error;
  }
}
