// Runs before routing. Two jobs: a URL whose path carries a broken percent-escape
// ("%E0%A4%A", "%ZZ") names nothing, and Next.js would fail decoding its dynamic segments
// with a 500: answer 400 with what is wrong instead (JSON on the REST API). And pages learn
// the URL they were asked for (REQUEST_PATH_HEADER), so a page that sends someone to log in
// can bring them back to exactly it; the header is always set here, never taken from the client.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "./lib/server/request-path";

export function proxy(request: NextRequest) {
  const url = new URL(request.url);
  const raw = url.pathname;
  try {
    decodeURIComponent(raw);
    const headers = new Headers(request.headers);
    headers.set(REQUEST_PATH_HEADER, `${raw}${url.search}`);
    return NextResponse.next({ request: { headers } });
  } catch {
    const message = "The URL has a broken percent-escape (a % not followed by two hex digits of valid UTF-8). Encode ids in paths with encodeURIComponent.";
    if (raw.startsWith("/api/")) return NextResponse.json({ error: { code: "bad_request", message } }, { status: 400 });
    return new NextResponse(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

export const config = {
  // Static assets never carry user ids.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
