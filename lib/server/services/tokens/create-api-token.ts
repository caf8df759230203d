// Mint API tokens: named, with an expiry and one role, bound to the environment the gate
// resolved. Nobody mints above their own role, and a token cannot mint tokens (a leaked
// token must not be able to outlive its own revocation). The secret is returned once and
// never stored or audited; only its SHA-256 and display prefix are kept.
import { z } from "zod";
import {
  API_TOKEN_DEFAULT_DAYS,
  API_TOKEN_MAX_DAYS,
  API_TOKEN_ROLES,
  apiTokenStatus,
  tokenRoleProblem,
  type ApiTokenRole,
  type ApiTokenStatus,
} from "../../../domain/authz";
import { writeAuditEvent } from "../../audit/write-audit-event";
import { newApiTokenSecret } from "../../auth/api-tokens";
import type { Access } from "../../authz/access";
import { auditPrincipal } from "../../authz/principal";
import { db } from "../../db";
import { AppError } from "../../errors";
import { insertApiToken } from "../../repositories/api-tokens";

export const ZCreateApiTokenRequestSchema = z.object({
  name: z.string().trim().min(1, "Enter a name, e.g. the job or system that will use the token.").max(80, "Use at most 80 characters."),
  role: z.enum(API_TOKEN_ROLES, { error: `Choose a role: ${API_TOKEN_ROLES.join(", ")}.` }),
  expiresInDays: z.coerce
    .number({ error: "Choose how many days the token lasts." })
    .int("Choose a whole number of days.")
    .min(1, "A token must last at least 1 day.")
    .max(API_TOKEN_MAX_DAYS, `A token may last at most ${API_TOKEN_MAX_DAYS} days; create a new one before it expires.`)
    .default(API_TOKEN_DEFAULT_DAYS),
});
export type CreateApiTokenRequest = z.input<typeof ZCreateApiTokenRequestSchema>;

export interface CreatedApiToken {
  id: string;
  name: string;
  role: ApiTokenRole;
  prefix: string;
  environmentId: string;
  createdAt: Date;
  expiresAt: Date;
  status: ApiTokenStatus;
  /** The only time the secret exists outside the caller's hands. */
  secret: string;
}

export type CreateTokenAccess = Access<"api_token.create">;

export async function createApiToken(access: CreateTokenAccess, input: CreateApiTokenRequest): Promise<CreatedApiToken> {
  const [created] = await createApiTokens([{ access, input }]);
  return created!;
}

/** Several tokens in ONE transaction (the seed mints twelve); each with its own audit event. */
export async function createApiTokens(requests: { access: CreateTokenAccess; input: CreateApiTokenRequest }[]): Promise<CreatedApiToken[]> {
  const plans = requests.map(({ access, input }) => ({ access, ...validate(access, input) }));
  return db().$transaction(async (tx) => {
    const out: CreatedApiToken[] = [];
    for (const { access, name, role, expiresInDays } of plans) {
      const now = new Date();
      const { secret, tokenHash, prefix } = newApiTokenSecret();
      const row = await insertApiToken(tx, {
        organizationId: access.organization.id,
        workspaceId: access.environment.workspaceId,
        environmentId: access.environment.id,
        name,
        role,
        tokenHash,
        prefix,
        createdById: access.principal.kind === "user" ? access.principal.userId : null,
        expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000),
      });
      await writeAuditEvent(tx, {
        action: "api_token.create",
        outcome: "success",
        principal: auditPrincipal(access.principal),
        organizationId: access.organization.id,
        workspaceId: access.workspace.id,
        environmentId: access.environment.id,
        target: { type: "api_token", id: row.id },
        request: access.request,
        summary: { name, role, prefix, expiresAt: row.expiresAt?.toISOString() ?? null },
      });
      out.push({
        id: row.id,
        name: row.name,
        role,
        prefix: row.prefix,
        environmentId: access.environment.id,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt!,
        status: apiTokenStatus({ revokedAt: null, expiresAt: row.expiresAt }, now),
        secret,
      });
    }
    return out;
  });
}

function validate(access: CreateTokenAccess, input: CreateApiTokenRequest) {
  if (access.principal.kind !== "user") {
    throw new AppError("forbidden", "An API token cannot create API tokens. Sign in as an admin of this environment to create one.");
  }
  const parsed = ZCreateApiTokenRequestSchema.safeParse(input);
  if (!parsed.success) {
    const details: Record<string, string> = {};
    for (const issue of parsed.error.issues) details[String(issue.path[0])] ??= issue.message;
    throw new AppError("unprocessable", "Some fields need attention.", details);
  }
  const problem = tokenRoleProblem(access.role, parsed.data.role);
  if (problem) throw new AppError("forbidden", problem, { role: problem });
  return parsed.data;
}
