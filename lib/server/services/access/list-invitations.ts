// The invitations page: pending ones first, then the recently accepted, expired or revoked.
import type { Access } from "../../authz/access";
import { db } from "../../db";

export type InvitationStatus = "pending" | "accepted" | "expired" | "revoked";

export interface InvitationRow {
  id: string;
  email: string;
  groups: { id: string; name: string }[];
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  status: InvitationStatus;
}

export function invitationStatus(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date = new Date()): InvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

export async function listInvitations(access: Access<"member.read">, now: Date = new Date()): Promise<InvitationRow[]> {
  const organizationId = access.organization.id;
  const [rows, groups] = await Promise.all([
    db().invitation.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, take: 200 }),
    db().group.findMany({ where: { organizationId }, select: { id: true, name: true } }),
  ]);
  const inviterIds = [...new Set(rows.map((r) => r.invitedById).filter((v): v is string => Boolean(v)))];
  const inviters = new Map(
    (await db().user.findMany({ where: { id: { in: inviterIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const list = rows.map((r) => ({
    id: r.id,
    email: r.email,
    groups: r.groupIds.flatMap((id) => (groupName.has(id) ? [{ id, name: groupName.get(id)! }] : [])),
    invitedBy: r.invitedById ? (inviters.get(r.invitedById) ?? null) : null,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    status: invitationStatus(r, now),
  }));
  return [...list.filter((i) => i.status === "pending"), ...list.filter((i) => i.status !== "pending")];
}
