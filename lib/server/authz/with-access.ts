// The gate for route handlers: JSON errors (`{ "error": { code, message } }`), 401 when
// nobody is signed in, and an Origin check on unsafe methods authenticated by cookie
// (CSRF). API tokens (`Authorization: Bearer wsk_…`) are not cookies, so they skip it.
import type { Permission } from "../../domain/authz";
import { AppError, errorResponse } from "../errors";
import { requestContext } from "../request-context";
import type { Access } from "./access";
import { checkAccess, type CheckOptions } from "./check-access";
import { resolvePrincipal } from "./principal";
import type { ScopeInput } from "./scope-input";

type RouteContext<Params> = { params: Promise<Params> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function withAccess<P extends Permission, Params = Record<string, string>>(
  permission: P,
  scopeOf: (params: Params, request: Request) => ScopeInput<P>,
  handler: (request: Request, access: Access<P>, params: Params) => Promise<Response>,
  options: CheckOptions = {},
) {
  return async (request: Request, context: RouteContext<Params>): Promise<Response> => {
    let requestId: string | undefined;
    try {
      requestId = (await requestContext()).requestId;
      const params = await context.params;
      const principal = await resolvePrincipal(request);
      if (!principal) throw new AppError("unauthenticated", "You are not signed in. Log in, or send an API token, and try again.");
      if (principal.kind === "user" && !SAFE_METHODS.has(request.method.toUpperCase())) assertSameOrigin(request);
      const access = await checkAccess(principal, permission, scopeOf(params, request), options);
      return await handler(request, access, params);
    } catch (error) {
      const response = errorResponse(error, requestId);
      // RFC 6750: a 401 names the scheme the API accepts.
      if (error instanceof AppError && error.code === "unauthenticated") response.headers.set("www-authenticate", 'Bearer realm="windsock"');
      return response;
    }
  };
}

/** A cookie-authenticated write must come from our own pages. */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || !host || originHost !== host) {
    throw new AppError("forbidden", "This request did not come from a Windsock page (Origin check). Use an API token for scripts.");
  }
}
