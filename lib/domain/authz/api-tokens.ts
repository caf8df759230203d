// API tokens as data: which roles a token may carry, how long it may live, and what its
// secret looks like. A token is a service principal bound to ONE environment with ONE
// role (docs/decisions/0005-api-tokens.md); owner is an organization role, never a token's.
import { roleAtLeast, type Role } from "./roles";

export const API_TOKEN_ROLES = ["viewer", "operator", "editor", "admin"] as const;
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number];

/** Every secret starts with this, so secret scanners and people recognise one. */
export const API_TOKEN_PREFIX = "wsk_";
/** Characters of the secret kept in clear to name it in lists ("wsk_" + 8). */
export const API_TOKEN_DISPLAY_PREFIX_LENGTH = 12;

export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_EXPIRY_CHOICES = [7, 30, 90, 180, 365] as const;

export function isApiTokenRole(value: unknown): value is ApiTokenRole {
  return typeof value === "string" && (API_TOKEN_ROLES as readonly string[]).includes(value);
}

/** `wsk_` then 43 base64url characters (32 random bytes). Anything else is not ours. */
export function looksLikeApiToken(secret: string): boolean {
  return /^wsk_[A-Za-z0-9_-]{43}$/.test(secret);
}

/** Nobody mints a token above their own role (an admin may mint up to admin). */
export function tokenRoleProblem(minterRole: Role | null, tokenRole: ApiTokenRole): string | null {
  if (roleAtLeast(minterRole, tokenRole)) return null;
  return `You can create tokens up to your own role (${minterRole ?? "none"}); ${tokenRole} is higher.`;
}

export type ApiTokenStatus = "active" | "expired" | "revoked";

export function apiTokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiTokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}
