// Accepting an invitation: the link works once (claimed with a conditional update, so two
// clicks racing cannot both win), only before it expires and only for the address it was
// sent to. The person joins the organization and the invitation's groups (those that
// still exist). Two ways in: signed in already, or signing up from the link.
import { z } from "zod";
import type { Prisma } from "../../../../generated/prisma/client";
import type { Access } from "../../authz/access";
import { writeAuditEvent, type AuditRequest } from "../../audit/write-audit-event";
import { hashPassword, passwordProblem } from "../../auth/passwords";
import { checkRateLimits, recordAttempts, tooManyAttemptsMessage } from "../../auth/rate-limit";
import { hashSecretToken } from "../../auth/secret-tokens";
import { db } from "../../db";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { SIGNUP_LIMIT } from "../accounts/sign-up";
import { invalid } from "./people-guards";

export const INVALID_INVITATION_MESSAGE = "This invitation link is invalid, expired, revoked or already used. Ask an admin of the organization for a new one.";

export interface Joined {
  organization: { id: string; slug: string; name: string };
  groups: string[];
}

/** A signed-in person accepts with their current account, which must have the invited address. */
export async function acceptInvitation(access: Access<"account.update">, token: string, now: Date = new Date()): Promise<Joined> {
  if (access.principal.kind !== "user") throw new AppError("forbidden", "Only a signed-in person can accept an invitation.");
  const me = access.principal;
  const invitation = await claimable(token, now);
  if (invitation.email !== me.email) {
    throw new AppError(
      "forbidden",
      `This invitation was sent to ${invitation.email}, but you are signed in as ${me.email}. Log out and open the link again, or ask for an invitation to your address.`,
    );
  }
  return db().$transaction((tx) => join(tx, invitation, { id: me.userId, email: me.email }, access.request, now));
}

export const ZInvitationSignUpRequestSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  password: z.string(),
});

/** Someone without an account signs up from the link: the account's email is the invited one. */
export async function signUpFromInvitation(
  token: string,
  input: z.input<typeof ZInvitationSignUpRequestSchema>,
  request: AuditRequest | null = null,
  now: Date = new Date(),
): Promise<Joined & { user: { id: string; email: string; name: string } }> {
  const invitation = await claimable(token, now);
  const parsed = ZInvitationSignUpRequestSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const weak = passwordProblem(parsed.data.password, { email: invitation.email, name: parsed.data.name });
  if (weak) throw new AppError("unprocessable", weak, { password: weak });
  if (await db().user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
    const message = `An account for ${invitation.email} already exists. Log in, then open the invitation link again.`;
    throw new AppError("conflict", message, { email: message });
  }
  const limits = request?.ip ? [{ key: `signup:ip:${request.ip}`, ...SIGNUP_LIMIT }] : [];
  const limited = await checkRateLimits(limits);
  if (!limited.allowed) throw new AppError("rate_limited", tooManyAttemptsMessage(limited.retryAfterSeconds));
  const passwordHash = await hashPassword(parsed.data.password);
  try {
    const result = await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: invitation.email, name: parsed.data.name, passwordHash }, select: { id: true, email: true, name: true } });
      await writeAuditEvent(tx, {
        action: "user.signup",
        outcome: "success",
        principal: { type: "user", id: user.id, name: user.email },
        organizationId: invitation.organizationId,
        target: { type: "user", id: user.id },
        request,
        summary: { email: user.email, invitation: invitation.id },
      });
      return { user, ...(await join(tx, invitation, user, request, now)) };
    });
    await recordAttempts(limits);
    return result;
  } catch (error) {
    if (isUniqueViolation(error, "email")) {
      const message = `An account for ${invitation.email} already exists. Log in, then open the invitation link again.`;
      throw new AppError("conflict", message, { email: message });
    }
    throw error;
  }
}

type Claimable = { id: string; email: string; organizationId: string; groupIds: string[] };

async function claimable(token: string, now: Date): Promise<Claimable> {
  const tokenHash = typeof token === "string" && token.length > 0 && token.length <= 200 ? hashSecretToken(token) : "";
  const row = tokenHash
    ? await db().invitation.findUnique({ where: { tokenHash }, select: { id: true, email: true, organizationId: true, groupIds: true, acceptedAt: true, revokedAt: true, expiresAt: true } })
    : null;
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= now) {
    throw new AppError("unprocessable", INVALID_INVITATION_MESSAGE, { token: INVALID_INVITATION_MESSAGE });
  }
  return row;
}

async function join(tx: Prisma.TransactionClient, invitation: Claimable, user: { id: string; email: string }, request: AuditRequest | null, now: Date): Promise<Joined> {
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (claimed.count !== 1) throw new AppError("unprocessable", INVALID_INVITATION_MESSAGE, { token: INVALID_INVITATION_MESSAGE });
  const organizationId = invitation.organizationId;
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { id: true, slug: true, name: true } });
  const alreadyMember = await tx.membership.findFirst({ where: { organizationId, userId: user.id }, select: { id: true } });
  if (!alreadyMember) await tx.membership.create({ data: { organizationId, userId: user.id } });
  const groups = await tx.group.findMany({ where: { organizationId, id: { in: invitation.groupIds } }, select: { id: true, name: true } });
  await tx.groupMember.createMany({ data: groups.map((g) => ({ groupId: g.id, userId: user.id })), skipDuplicates: true });
  await writeAuditEvent(tx, {
    action: "invitation.accept",
    outcome: "success",
    principal: { type: "user", id: user.id, name: user.email },
    organizationId,
    target: { type: "invitation", id: invitation.id },
    request,
    summary: { email: user.email, groups: groups.map((g) => g.name), alreadyMember: Boolean(alreadyMember) },
  });
  return { organization, groups: groups.map((g) => g.name) };
}
