// Who is on the other end of this request, for audit events and rate limits: address,
// user agent and a request id (taken from `x-request-id` when a proxy set one).
import { headers } from "next/headers";
import { cache } from "react";
import { randomUUID } from "node:crypto";
import type { AuditRequest } from "./audit/write-audit-event";

export type RequestContext = AuditRequest & { requestId: string };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_IP = 64;

/**
 * The request's address, user agent and id. Memoized per request (React `cache`), so a
 * page and the actions it calls share one generated id. Outside a request (tests, CLI)
 * it answers nulls and a fresh id instead of throwing.
 */
export const requestContext = cache(async (): Promise<RequestContext> => {
  const h = await requestHeaders();
  if (!h) return { ip: null, userAgent: null, requestId: randomUUID() };
  return requestContextFromHeaders(h);
});

/** The incoming request's headers, or null outside a request (tests, CLI, worker). */
export async function requestHeaders(): Promise<Headers | null> {
  try {
    return await headers();
  } catch (error) {
    if (isOutsideRequestScope(error)) return null;
    throw error; // Next's own signals (dynamic-rendering bail-outs) must pass through
  }
}

/** Pure part, also used by route handlers that hold a Request. */
export function requestContextFromHeaders(h: Pick<Headers, "get">): RequestContext {
  const incomingId = h.get("x-request-id")?.trim();
  return {
    ip: clientAddress(h),
    userAgent: h.get("user-agent") || null,
    requestId: incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID(),
  };
}

/**
 * The RIGHTMOST x-forwarded-for entry: the address our own ingress saw. Entries to its
 * left were written by the client and anyone may forge them, so they never reach the
 * audit log as "the" address. Next's server fills the header with the socket address
 * when no proxy set it.
 */
function clientAddress(h: Pick<Headers, "get">): string | null {
  const forwarded = h.get("x-forwarded-for");
  const candidate =
    forwarded
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1) ?? h.get("x-real-ip")?.trim();
  if (!candidate) return null;
  const ip = candidate.startsWith("::ffff:") && candidate.includes(".") ? candidate.slice(7) : candidate;
  return ip.slice(0, MAX_IP);
}

function isOutsideRequestScope(error: unknown): boolean {
  return error instanceof Error && /outside a request scope/i.test(error.message);
}
