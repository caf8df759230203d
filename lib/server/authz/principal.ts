// Who is acting: a signed-in person, or an API token (docs/decisions/0005-api-tokens.md):
// bound to one environment with one role, a token reaches its organization by id instead
// of by membership, and its grant is that single (environment, role) pair.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Role } from "../../domain/authz";
import type { AuditPrincipal } from "../audit/write-audit-event";
import { authenticateApiToken, bearerSecret } from "../auth/api-tokens";
import { requestContextFromHeaders, requestHeaders } from "../request-context";

export type UserPrincipal = { kind: "user"; userId: string; sessionId: string; email: string; name: string };
export type TokenPrincipal = {
  kind: "token";
  tokenId: string;
  name: string;
  organizationId: string;
  workspaceId: string;
  environmentId: string;
  role: Role;
};
export type Principal = UserPrincipal | TokenPrincipal;

const override = new AsyncLocalStorage<Principal>();

/**
 * Runs `fn` as `principal`, bypassing cookies. For in-process callers that are not a
 * browser: integration tests and the cross-tenant matrix calling server actions as
 * each principal. It never widens access: the gate still checks every grant.
 */
export function runAsPrincipal<T>(principal: Principal, fn: () => Promise<T>): Promise<T> {
  return override.run(principal, fn);
}

/**
 * The caller of this request, or null when nobody is signed in. An `Authorization:
 * Bearer wsk_…` header wins over a cookie; a header that does not hold a valid token
 * throws AppError "unauthenticated" (401) instead of falling back to the cookie.
 * Route handlers pass their Request; pages and actions read the headers from Next.
 */
export async function resolvePrincipal(request?: Request): Promise<Principal | null> {
  const forced = override.getStore();
  if (forced) return forced;
  const h = request?.headers ?? (await requestHeaders());
  const secret = bearerSecret(h?.get("authorization") ?? null);
  if (secret !== null) return authenticateApiToken(secret, h ? requestContextFromHeaders(h).ip : null);
  // Loaded lazily so in-process callers (tests, the authz matrix) never load next-auth.
  const { currentSession } = await import("../auth/current-session");
  return currentSession();
}

export function auditPrincipal(principal: Principal): AuditPrincipal {
  return principal.kind === "user"
    ? { type: "user", id: principal.userId, name: principal.email }
    : { type: "token", id: principal.tokenId, name: principal.name };
}
