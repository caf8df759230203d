// Pure, but it guards the auth flows: ?next= must never send anyone off-site.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "../../../lib/server/auth/redirects";
import { passwordProblem } from "../../../lib/server/auth/passwords";
import { slugify } from "../../../lib/server/services/tenancy/create-organization";

describe("where auth flows send people", () => {
  it("keeps ?next= on our own site", () => {
    expect(safeNextPath("/o/acme/w/default/e/prd/dags")).toBe("/o/acme/w/default/e/prd/dags");
    for (const evil of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/ok\nLocation: x", "", undefined, 42, "/login", "/signup?x=1"]) {
      expect(safeNextPath(evil)).toBe("/app");
    }
  });
});

describe("password policy", () => {
  it("asks for length, not composition, and refuses the obvious", () => {
    expect(passwordProblem("correct horse battery staple")).toBeNull();
    expect(passwordProblem("short")).toMatch(/at least 10 characters/);
    expect(passwordProblem("password123")).toMatch(/too common/);
    expect(passwordProblem("zzzzzzzzzzzz")).toMatch(/too common/);
    expect(passwordProblem("ada.lovelace@example.com", { email: "Ada.Lovelace@example.com" })).toMatch(/email/);
    expect(passwordProblem("x".repeat(201))).toMatch(/at most 200/);
  });
});

describe("organization slugs", () => {
  it("are readable and URL-safe", () => {
    expect(slugify("Ångström Data, Inc.", "org")).toBe("angstrom-data-inc");
    expect(slugify("  ---  ", "org")).toBe("org");
    expect(slugify("日本語", "org")).toBe("org");
    expect(slugify("a".repeat(60), "org")).toHaveLength(40);
  });
});
