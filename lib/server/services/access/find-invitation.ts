// What an invitation link shows before anyone acts on it: whose organization, which
// groups, and whether the link still works (a clear answer for expired, used or revoked).
import { hashSecretToken } from "../../auth/secret-tokens";
import { db } from "../../db";
import { invitationStatus } from "./list-invitations";

export type InvitationLookup =
  | {
      state: "usable";
      invitation: { id: string; email: string; organization: { id: string; name: string; slug: string }; groups: string[]; invitedBy: string | null; expiresAt: Date };
      /** Whether the invited address already has an account (log in to accept, rather than sign up). */
      accountExists: boolean;
    }
  | { state: "unknown" | "expired" | "accepted" | "revoked"; organizationName?: string };

export async function findInvitation(token: string, now: Date = new Date()): Promise<InvitationLookup> {
  if (typeof token !== "string" || token.length === 0 || token.length > 200) return { state: "unknown" };
  const row = await db().invitation.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    select: {
      id: true,
      email: true,
      groupIds: true,
      invitedById: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { id: true, name: true, slug: true } },
    },
  });
  if (!row) return { state: "unknown" };
  const status = invitationStatus(row, now);
  if (status !== "pending") return { state: status, organizationName: row.organization.name };
  const [groups, inviter, account] = await Promise.all([
    db().group.findMany({ where: { organizationId: row.organization.id, id: { in: row.groupIds } }, select: { name: true }, orderBy: { name: "asc" } }),
    row.invitedById ? db().user.findUnique({ where: { id: row.invitedById }, select: { name: true } }) : null,
    db().user.findUnique({ where: { email: row.email }, select: { id: true } }),
  ]);
  return {
    state: "usable",
    invitation: { id: row.id, email: row.email, organization: row.organization, groups: groups.map((g) => g.name), invitedBy: inviter?.name ?? null, expiresAt: row.expiresAt },
    accountExists: account !== null,
  };
}
