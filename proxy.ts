// Runs before routing. Only one job: a URL whose path carries a broken percent-escape
// ("%E0%A4%A", "%ZZ") names nothing, and Next.js would fail decoding its dynamic segments
// with a 500. Answer 400 with what is wrong instead (JSON on the REST API).
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  const raw = new URL(request.url).pathname;
  try {
    decodeURIComponent(raw);
    return NextResponse.next();
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
