import { describe, expect, it } from "vitest";
import { requestContextFromHeaders } from "../../../lib/server/request-context";

const ctx = (headers: Record<string, string>) => requestContextFromHeaders(new Headers(headers));

describe("request context for audit events", () => {
  it("records the address our own proxy saw, not one the client wrote into x-forwarded-for", () => {
    expect(ctx({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }).ip).toBe("203.0.113.7");
    expect(ctx({ "x-forwarded-for": "::ffff:10.0.0.5" }).ip).toBe("10.0.0.5");
    expect(ctx({ "x-real-ip": "198.51.100.2" }).ip).toBe("198.51.100.2");
    expect(ctx({}).ip).toBeNull();
  });

  it("keeps a sane incoming request id and makes one up otherwise", () => {
    expect(ctx({ "x-request-id": "req-123_abc" }).requestId).toBe("req-123_abc");
    const forged = ctx({ "x-request-id": "<script>alert(1)</script>" }).requestId;
    expect(forged).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx({}).requestId).not.toBe(ctx({}).requestId);
  });

  it("passes the user agent through", () => {
    expect(ctx({ "user-agent": "Mozilla/5.0 Chrome" }).userAgent).toBe("Mozilla/5.0 Chrome");
    expect(ctx({}).userAgent).toBeNull();
  });
});
