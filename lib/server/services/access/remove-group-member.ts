// Takes someone out of a group: they lose the group's roles at once. The Owners group
// never becomes empty; and nobody removes a member from a group carrying more than their
// own role (an admin cannot demote an owner).
import { groupMembershipRefusal } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { db } from "../../db";
import { AppError } from "../../errors";
import { callerGrants, findGroup, groupBindings, lockOwnersGroup, OWNERS_KIND, OWNERS_NOT_EMPTY_MESSAGE, refuse, requireUser } from "./people-guards";

export async function removeGroupMember(access: Access<"group.manage">, groupId: string, input: { userId: string }) {
  requireUser(access);
  const organizationId = access.organization.id;
  const group = await findGroup(db(), organizationId, groupId);
  const userId = String(input.userId ?? "").slice(0, 128);
  const refusal = groupMembershipRefusal(await callerGrants(access), await groupBindings(db(), organizationId, group.id));
  if (refusal) await refuse(access, "group.member_remove", { type: "group", id: group.id }, refusal, { group: group.name, userId });

  return mutate(access, "group.member_remove", { type: "group", id: group.id }, async (tx, audit) => {
    if (group.systemKind === OWNERS_KIND) {
      const owners = await lockOwnersGroup(tx, organizationId);
      const isIn = await tx.groupMember.count({ where: { groupId: group.id, userId } });
      if (owners && isIn && owners.members <= 1) throw new AppError("conflict", OWNERS_NOT_EMPTY_MESSAGE);
    }
    const row = await tx.groupMember.findUnique({
      where: { groupId_userId: { groupId: group.id, userId } },
      select: { user: { select: { id: true, email: true, name: true } } },
    });
    if (!row) throw new AppError("not_found", "That person is not in this group.");
    await tx.groupMember.delete({ where: { groupId_userId: { groupId: group.id, userId } } });
    audit.summary = { group: group.name, userId, user: row.user.email };
    return { group: group.name, user: row.user };
  });
}
