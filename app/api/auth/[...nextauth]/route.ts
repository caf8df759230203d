// next-auth's own endpoints (session, csrf, providers, signout, callback). Public by
// nature. Our pages log in through server actions; a POST that reaches these routes
// directly must still come from our own origin (next-auth's CSRF token is a second check).
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth/next-auth";
import { currentSession } from "@/lib/server/auth/current-session";
import { assertSameOrigin, publicRoute } from "@/lib/server/authz";
import { errorResponse } from "@/lib/server/errors";

export const GET = publicRoute("auth: next-auth endpoints", async function GET(request: NextRequest): Promise<Response> {
  // next-auth's /session endpoint only looks at the JWT; a revoked session must read as
  // "no session" here too (next-auth's own answer for that is JSON null).
  if (new URL(request.url).pathname.endsWith("/session") && !(await currentSession())) return Response.json(null);
  return handlers.GET(request);
});

export const POST = publicRoute("auth: next-auth endpoints", async function POST(request: NextRequest): Promise<Response> {
  try {
    assertSameOrigin(request);
  } catch (error) {
    return errorResponse(error);
  }
  return handlers.POST(request);
});
