// Revokes a pending invitation: its link stops working at once.
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { AppError } from "../../errors";
import { requireUser } from "./people-guards";

export async function revokeInvitation(access: Access<"member.invite">, invitationId: string, now: Date = new Date()) {
  requireUser(access);
  const organizationId = access.organization.id;
  const id = String(invitationId ?? "").slice(0, 128);
  return mutate(access, "invitation.revoke", { type: "invitation", id }, async (tx, audit) => {
    const invitation = await tx.invitation.findFirst({ where: { id, organizationId }, select: { email: true, acceptedAt: true, revokedAt: true } });
    if (!invitation) throw new AppError("not_found", "That invitation does not exist in this organization.");
    if (invitation.acceptedAt) throw new AppError("conflict", `${invitation.email} has already accepted. Remove them from Members instead.`);
    if (invitation.revokedAt) throw new AppError("conflict", "That invitation is already revoked.");
    await tx.invitation.updateMany({ where: { id, organizationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    audit.summary = { email: invitation.email };
    return { email: invitation.email };
  });
}
