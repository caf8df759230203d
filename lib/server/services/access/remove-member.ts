// Removes someone from the organization: out of every group, out of the membership, and
// every session of theirs ends at once (the next request they make is signed out).
// Nobody removes a person whose groups carry a role above their own (an admin cannot
// remove an owner); the last owner stays.
import { groupMembershipRefusal, type Role, type ScopeRef } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { mutate, type Tx } from "../../authz/mutate";
import { revokeSessionsOfUser } from "../../auth/sessions";
import { db } from "../../db";
import { AppError } from "../../errors";
import { callerGrants, groupBindings, lockOwnersGroup, OWNERS_NOT_EMPTY_MESSAGE, refuse, requireUser } from "./people-guards";

export const NOT_A_MEMBER_MESSAGE = "That person is not a member of this organization.";

export async function removeMember(access: Access<"member.remove">, input: { userId: string }) {
  const me = requireUser(access);
  const organizationId = access.organization.id;
  const userId = String(input.userId ?? "").slice(0, 128);
  if (userId === me.userId) throw new AppError("unprocessable", "To remove yourself, use “Leave organization”.");
  const member = userId ? await db().membership.findFirst({ where: { organizationId, userId }, select: { user: { select: { id: true, email: true, name: true } } } }) : null;
  if (!member) throw new AppError("not_found", NOT_A_MEMBER_MESSAGE);

  const groups = await db().groupMember.findMany({ where: { userId, group: { organizationId } }, select: { groupId: true } });
  const carried: { scope: ScopeRef; role: Role }[] = [];
  for (const g of groups) carried.push(...(await groupBindings(db(), organizationId, g.groupId)));
  const refusal = groupMembershipRefusal(await callerGrants(access), carried);
  if (refusal) await refuse(access, "member.remove", { type: "user", id: userId }, refusal, { user: member.user.email });

  return mutate(access, "member.remove", { type: "user", id: userId }, async (tx, audit) => {
    const result = await leaveInTransaction(tx, organizationId, member.user.id);
    const endedSessions = await revokeSessionsOfUser(tx, member.user.id);
    audit.summary = { user: member.user.email, name: member.user.name, groups: result.groups, endedSessions };
    return { user: member.user, endedSessions };
  });
}

/** Shared with leaving: every group of this organization, then the membership; Owners never empties. */
export async function leaveInTransaction(tx: Tx, organizationId: string, userId: string): Promise<{ groups: string[] }> {
  const owners = await lockOwnersGroup(tx, organizationId);
  if (owners && owners.members <= 1 && (await tx.groupMember.count({ where: { groupId: owners.id, userId } })) > 0) {
    throw new AppError("conflict", OWNERS_NOT_EMPTY_MESSAGE);
  }
  const groups = await tx.groupMember.findMany({ where: { userId, group: { organizationId } }, select: { group: { select: { name: true } } } });
  await tx.groupMember.deleteMany({ where: { userId, group: { organizationId } } });
  const { count } = await tx.membership.deleteMany({ where: { organizationId, userId } });
  if (count !== 1) throw new AppError("not_found", NOT_A_MEMBER_MESSAGE);
  return { groups: groups.map((g) => g.group.name) };
}
