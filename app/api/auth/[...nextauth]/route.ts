// next-auth's own endpoints (session, csrf, providers, signout, callback). Public by
// nature. Our pages log in through server actions; a POST that reaches these routes
// directly must still come from our own origin (next-auth's CSRF token is a second check).
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/server/auth/next-auth";
import { assertSameOrigin, publicRoute } from "@/lib/server/authz";
import { errorResponse } from "@/lib/server/errors";

export const GET = publicRoute("auth: next-auth endpoints", handlers.GET);

export const POST = publicRoute("auth: next-auth endpoints", async function POST(request: NextRequest): Promise<Response> {
  try {
    assertSameOrigin(request);
  } catch (error) {
    return errorResponse(error);
  }
  return handlers.POST(request);
});
