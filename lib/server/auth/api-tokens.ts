// API token secrets and authentication. The secret is `wsk_` + 32 random bytes
// (base64url); only its SHA-256 is stored: the secret has 256 bits of entropy, so a slow
// password hash would add latency to every API call and no safety (0005-api-tokens.md).
import { createHash, randomBytes } from "node:crypto";
import { API_TOKEN_DISPLAY_PREFIX_LENGTH, API_TOKEN_PREFIX, isApiTokenRole, looksLikeApiToken } from "../../domain/authz";
import { AppError } from "../errors";
import { findApiTokenByHash, touchApiToken } from "../repositories/api-tokens";

/** Last use is recorded at most this often per token, so most API calls stay read-only. */
export const API_TOKEN_TOUCH_INTERVAL_MS = 60_000;

export const INVALID_TOKEN_MESSAGE =
  "This API token is not valid: it is mistyped, expired or revoked. Create a new token on the environment's API tokens page.";

export function newApiTokenSecret(): { secret: string; tokenHash: string; prefix: string } {
  const secret = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { secret, tokenHash: hashApiToken(secret), prefix: secret.slice(0, API_TOKEN_DISPLAY_PREFIX_LENGTH) };
}

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export type AuthenticatedToken = {
  kind: "token";
  tokenId: string;
  name: string;
  organizationId: string;
  workspaceId: string;
  environmentId: string;
  role: "viewer" | "operator" | "editor" | "admin";
};

/**
 * The `Authorization` header's token, or null when the header is absent. A header that
 * is present but not `Bearer wsk_…` is refused (401), never silently ignored in favour of
 * a cookie: explicit credentials that fail must fail.
 */
export function bearerSecret(authorization: string | null): string | null {
  if (authorization === null) return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization.trim());
  if (!match) throw new AppError("unauthenticated", "Send the API token as `Authorization: Bearer wsk_…`.");
  return match[1]!;
}

/** The token principal for a secret; AppError "unauthenticated" for unknown, expired or revoked ones. */
export async function authenticateApiToken(secret: string, ip: string | null, now: Date = new Date()): Promise<AuthenticatedToken> {
  if (!looksLikeApiToken(secret)) throw new AppError("unauthenticated", INVALID_TOKEN_MESSAGE);
  const row = await findApiTokenByHash(hashApiToken(secret));
  if (
    !row ||
    row.revokedAt ||
    (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) ||
    !isApiTokenRole(row.role) ||
    row.environment.organizationId !== row.organizationId
  ) {
    throw new AppError("unauthenticated", INVALID_TOKEN_MESSAGE);
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= API_TOKEN_TOUCH_INTERVAL_MS) {
    // Best effort: failing to record use must not refuse the call.
    await touchApiToken(row.id, now, ip, new Date(now.getTime() - API_TOKEN_TOUCH_INTERVAL_MS)).catch((error: unknown) => {
      console.error("could not record API token use:", error);
    });
  }
  return {
    kind: "token",
    tokenId: row.id,
    name: row.name,
    organizationId: row.organizationId,
    workspaceId: row.environment.workspaceId,
    environmentId: row.environmentId,
    role: row.role,
  };
}
