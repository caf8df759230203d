// Who is acting. A signed-in person today; an API token (issue 7) is the second kind:
// bound to one environment with one role, it reaches its organization by id instead of
// by membership, and its grant is that single (environment, role) pair.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Role } from "../../domain/authz";
import type { AuditPrincipal } from "../audit/write-audit-event";

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

/** The caller of this request, or null when nobody is signed in. */
export async function resolvePrincipal(): Promise<Principal | null> {
  const forced = override.getStore();
  if (forced) return forced;
  // Issue 7: an `Authorization: Bearer wsk_…` header resolves to a TokenPrincipal here.
  // Loaded lazily so in-process callers (tests, the authz matrix) never load next-auth.
  const { currentSession } = await import("../auth/current-session");
  return currentSession();
}

export function auditPrincipal(principal: Principal): AuditPrincipal {
  return principal.kind === "user"
    ? { type: "user", id: principal.userId, name: principal.email }
    : { type: "token", id: principal.tokenId, name: principal.name };
}
