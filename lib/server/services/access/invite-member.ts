// Invites a person by email into chosen groups: a single-use link that expires in 7
// days, stored only as a hash (like password resets). Nobody invites into a group that
// carries a role above their own. Inviting the same address again replaces the pending
// invitation, so only the newest link works.
import { z } from "zod";
import { groupMembershipRefusal, type Role, type ScopeRef } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { sendMail } from "../../auth/mail/send-mail";
import { normalizeEmail } from "../../auth/normalize-email";
import { newSecretToken } from "../../auth/secret-tokens";
import { db } from "../../db";
import { AppError } from "../../errors";
import { callerGrants, groupBindings, invalid, refuse, requireUser } from "./people-guards";

export const INVITATION_TTL_DAYS = 7;

export const ZInviteMemberRequestSchema = z.object({
  email: z.string().trim().max(254, "Use at most 254 characters.").pipe(z.email("Enter an email address like name@example.com.")),
  groupIds: z.array(z.string().min(1).max(128)).min(1, "Choose at least one group: people get access only through groups.").max(50),
});

export type InviteMemberRequest = z.input<typeof ZInviteMemberRequestSchema>;

export interface InvitationSent {
  id: string;
  email: string;
  groups: string[];
  /** The same groups' ids, in the same order as `groups`. */
  groupIds: string[];
  expiresAt: Date;
  /** The link itself, for the caller that mails it (and for tests); never stored. */
  link: string;
}

export async function inviteMember(access: Access<"member.invite">, input: InviteMemberRequest, options: { baseUrl: string; now?: Date }): Promise<InvitationSent> {
  const me = requireUser(access);
  const parsed = ZInviteMemberRequestSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const email = normalizeEmail(parsed.data.email);
  const organizationId = access.organization.id;
  const groupIds = [...new Set(parsed.data.groupIds)];
  const groups = await db().group.findMany({ where: { organizationId, id: { in: groupIds } }, select: { id: true, name: true } });
  if (groups.length !== groupIds.length) {
    const message = "One of the chosen groups does not exist any more. Reload the page and choose again.";
    throw new AppError("unprocessable", message, { groupIds: message });
  }
  if (await db().membership.findFirst({ where: { organizationId, user: { email } }, select: { id: true } })) {
    const message = `${email} is already a member. Add them to groups from the group's page.`;
    throw new AppError("conflict", message, { email: message });
  }
  const carried: { scope: ScopeRef; role: Role }[] = [];
  for (const g of groups) carried.push(...(await groupBindings(db(), organizationId, g.id)));
  const refusal = groupMembershipRefusal(await callerGrants(access), carried);
  if (refusal) await refuse(access, "invitation.create", { type: "invitation", id: null }, refusal, { email, groups: groups.map((g) => g.name) });

  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600_000);
  const { token, tokenHash } = newSecretToken();
  const invitation = await mutate(access, "invitation.create", { type: "invitation" }, async (tx, audit) => {
    const replaced = await tx.invitation.updateMany({
      where: { organizationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: { organizationId, email, groupIds: groups.map((g) => g.id), tokenHash, invitedById: me.userId, createdAt: now, expiresAt },
      select: { id: true },
    });
    audit.targetId = created.id;
    audit.summary = { email, groups: groups.map((g) => g.name), expiresAt: expiresAt.toISOString(), replaced: replaced.count };
    return created;
  });

  const link = `${options.baseUrl.replace(/\/+$/, "")}/invite/${encodeURIComponent(token)}`;
  await sendMail({
    to: email,
    subject: `${me.name} invited you to ${access.organization.name} on Windsock`,
    links: [link],
    text: [
      "Hello,",
      "",
      `${me.name} (${me.email}) invited you to join ${access.organization.name} on Windsock,`,
      `in the group${groups.length === 1 ? "" : "s"} ${groups.map((g) => g.name).join(", ")}.`,
      "",
      `Open this link to accept. It works once and expires in ${INVITATION_TTL_DAYS} days:`,
      "",
      link,
      "",
      "If you did not expect this, ignore this mail.",
      "",
      "Windsock",
    ].join("\n"),
  }).catch((error: unknown) => console.error(`[mail] could not send the invitation to ${email}:`, error));
  return { id: invitation.id, email, groups: groups.map((g) => g.name), groupIds: groups.map((g) => g.id), expiresAt, link };
}
