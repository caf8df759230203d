// The pure rules of API tokens: what a secret looks like, the Authorization header,
// who may mint which role, and a token's status.
import { describe, expect, it } from "vitest";
import { apiTokenStatus, looksLikeApiToken, tokenRoleProblem, type ApiTokenRole, type Role } from "../../../lib/domain/authz";
import { bearerSecret, hashApiToken, newApiTokenSecret } from "../../../lib/server/auth/api-tokens";
import { AppError } from "../../../lib/server/errors";

describe("token secrets", () => {
  it("are wsk_ + 43 base64url characters, different every time, named by a 12-character prefix", () => {
    const a = newApiTokenSecret();
    const b = newApiTokenSecret();
    expect(a.secret).toMatch(/^wsk_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeApiToken(a.secret)).toBe(true);
    expect(a.secret).not.toBe(b.secret);
    expect(a.prefix).toBe(a.secret.slice(0, 12));
    expect(a.tokenHash).toBe(hashApiToken(a.secret));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(["", "wsk_", "wsk_short", `wsk_${"a".repeat(44)}`, `WSK_${"a".repeat(43)}`, `wsk_${"a".repeat(42)}=`, `ghp_${"a".repeat(43)}`])("rejects %j as a token", (s) => {
    expect(looksLikeApiToken(s)).toBe(false);
  });
});

describe("the Authorization header", () => {
  it("is absent: no token, the cookie decides", () => {
    expect(bearerSecret(null)).toBeNull();
  });

  it.each([
    ["Bearer wsk_abc", "wsk_abc"],
    ["bearer wsk_abc", "wsk_abc"],
    ["  Bearer   wsk_abc  ", "wsk_abc"],
  ])("reads %j", (header, secret) => {
    expect(bearerSecret(header)).toBe(secret);
  });

  it.each(["Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "wsk_abc", "Token wsk_abc"])("refuses %j with 401 instead of falling back to the cookie", (header) => {
    expect(() => bearerSecret(header)).toThrow(AppError);
    try {
      bearerSecret(header);
    } catch (e) {
      expect((e as AppError).status).toBe(401);
    }
  });
});

describe("minting never goes above one's own role", () => {
  const cases: [Role | null, ApiTokenRole, boolean][] = [
    ["owner", "admin", true],
    ["admin", "admin", true],
    ["admin", "viewer", true],
    ["editor", "admin", false],
    ["editor", "editor", true],
    ["operator", "editor", false],
    ["viewer", "operator", false],
    [null, "viewer", false],
  ];
  it.each(cases)("%s minting %s: %s", (minter, role, allowed) => {
    expect(tokenRoleProblem(minter, role) === null).toBe(allowed);
  });
});

describe("status", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  it.each([
    [{ revokedAt: null, expiresAt: new Date("2026-12-07T00:00:00Z") }, "active"],
    [{ revokedAt: null, expiresAt: null }, "active"],
    [{ revokedAt: null, expiresAt: now }, "expired"],
    [{ revokedAt: new Date("2026-12-01T00:00:00Z"), expiresAt: new Date("2026-11-01T00:00:00Z") }, "revoked"],
  ] as const)("%j is %s", (token, status) => {
    expect(apiTokenStatus(token, now)).toBe(status);
  });
});
