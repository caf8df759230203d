// Sign-up: one transaction creates the user, their organization (Owners group bound as
// owner, first workspace, dev/stg/prd environments) and the audit events; a taken email
// is refused before anything is written. Logging in afterwards is the caller's job.
import { z } from "zod";
import { writeAuditEvent, type AuditRequest } from "../../audit/write-audit-event";
import { normalizeEmail } from "../../auth/normalize-email";
import { hashPassword, passwordProblem } from "../../auth/passwords";
import { checkRateLimits, recordAttempts, tooManyAttemptsMessage } from "../../auth/rate-limit";
import { db } from "../../db";
import { AppError } from "../../errors";
import { createOrganization, type CreatedOrganization } from "../tenancy/create-organization";
import { isUniqueViolation } from "./is-unique-violation";

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists. Log in or reset your password.";

export const ZSignUpRequestSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: z
    .string()
    .trim()
    .max(254, "Use at most 254 characters.")
    .pipe(z.email("Enter an email address like name@example.com.")),
  password: z.string(),
  organizationName: z.string().trim().min(2, "Enter your organization's name (2 characters or more).").max(80, "Use at most 80 characters."),
});

export type SignUpRequest = z.input<typeof ZSignUpRequestSchema>;
export type SignUpResult = CreatedOrganization & { user: { id: string; email: string; name: string } };

// Accounts created from one address per hour: enough for a team onboarding together.
export const SIGNUP_LIMIT = { limit: 20, windowSeconds: 60 * 60 };

/**
 * Throws AppError "unprocessable" (details: field -> message), "conflict" (taken email)
 * or "rate_limited".
 */
export async function signUp(input: SignUpRequest, request: AuditRequest | null = null): Promise<SignUpResult> {
  const parsed = ZSignUpRequestSchema.safeParse(input);
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
  }
  const email = normalizeEmail(String(input.email ?? ""));
  const weak = passwordProblem(String(input.password ?? ""), { email, name: String(input.name ?? "") });
  if (weak) fieldErrors.password ??= weak;
  if (!parsed.success || Object.keys(fieldErrors).length > 0) {
    throw new AppError("unprocessable", "Some fields need attention.", fieldErrors);
  }
  const { name, password, organizationName } = parsed.data;

  const limits = request?.ip ? [{ key: `signup:ip:${request.ip}`, ...SIGNUP_LIMIT }] : [];
  const limited = await checkRateLimits(limits);
  if (!limited.allowed) throw new AppError("rate_limited", tooManyAttemptsMessage(limited.retryAfterSeconds));
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("conflict", EMAIL_TAKEN_MESSAGE, { email: EMAIL_TAKEN_MESSAGE });
  }
  const passwordHash = await hashPassword(password);

  // A racing sign-up may take the same organization slug first; the transaction then
  // rolls back whole and runs again with the next free slug.
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db().$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email, name, passwordHash }, select: { id: true, email: true, name: true } });
        const created = await createOrganization(tx, { name: organizationName, owner: user, request });
        await writeAuditEvent(tx, {
          action: "user.signup",
          outcome: "success",
          principal: { type: "user", id: user.id, name: user.email },
          organizationId: created.organization.id,
          target: { type: "user", id: user.id },
          request,
          summary: { email: user.email, organization: created.organization.slug },
        });
        return { user, ...created };
      });
      await recordAttempts(limits); // counts accounts created, not attempts
      return result;
    } catch (error) {
      if (isUniqueViolation(error, "email")) throw new AppError("conflict", EMAIL_TAKEN_MESSAGE, { email: EMAIL_TAKEN_MESSAGE });
      if (isUniqueViolation(error, "slug") && attempt < 4) continue;
      throw error;
    }
  }
}
