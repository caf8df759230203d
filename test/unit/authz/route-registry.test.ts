// The route registry: every page, layout that loads data, route handler and server
// action under app/ must pass the access gate (requireAccess / pageAccess / actionAccess /
// withAccess imported from lib/server/authz), unless it is on the short public list
// (PUBLIC_ROUTES in test/support/entry-points.ts) with its reason. Checked on the syntax tree, so a gate named in a comment, a
// string, or a callback that never runs does not count.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC_ROUTES, registry, registryProblems, ROOT } from "../../support/entry-points";

describe("route registry", () => {
  const { entries } = registry();

  it("finds the app's entry points (the walk itself works)", () => {
    const files = new Set(entries.map((e) => e.file));
    expect(files).toContain("app/o/[org]/w/[ws]/e/[env]/dags/page.tsx");
    expect(files).toContain("app/o/[org]/settings/actions.ts");
    expect(files).toContain("app/api/health/route.ts");
    expect(entries.filter((e) => e.kind === "action").length).toBeGreaterThan(3);
  });

  it("every page, data-loading layout, route handler and server action passes the gate or is on the public list", () => {
    expect(registryProblems()).toEqual([]);
  });

  it("keeps the public list short and current: every entry names an existing file and a reason", () => {
    expect(Object.keys(PUBLIC_ROUTES).length).toBeLessThanOrEqual(15);
    for (const [file, reason] of Object.entries(PUBLIC_ROUTES)) {
      expect(fs.existsSync(path.join(ROOT, file)), `${file} is on the public list but does not exist`).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it("never lists anything under /o or /app (the authenticated shell) as public", () => {
    expect(Object.keys(PUBLIC_ROUTES).filter((f) => /^app\/(o|app)\//.test(f))).toEqual([]);
  });
});

describe("route registry catches what it must", () => {
  const fixture = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "registry-"));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    try {
      return registryProblems(dir).map((p) => p.replace(/^.*registry-[^/]+\//, ""));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    ["a page with no gate", { "x/page.tsx": `export default async function P() { return null; }` }],
    ["a gate named only in a comment", { "x/page.tsx": `// pageAccess("dag.read", scope)\nexport default function P() { return null; }` }],
    ["a gate named only in a string", { "x/page.tsx": `export default function P() { return "pageAccess(" as never; }` }],
    [
      "a gate in a callback that never runs",
      { "x/page.tsx": `import { pageAccess } from "@/lib/server/authz";\nexport default async function P() { const later = () => pageAccess("dag.read", {} as never); return null; }` },
    ],
    ["a look-alike function not imported from lib/server/authz", { "x/page.tsx": `import { pageAccess } from "./fake";\nexport default async function P() { await pageAccess(); }` }],
    ["a route handler without withAccess", { "api/x/route.ts": `export async function GET() { return Response.json({}); }` }],
    [
      "a server action without a gate",
      { "x/actions.ts": `"use server";\nimport { actionAccess } from "@/lib/server/authz";\nexport async function ok() { await actionAccess("account.update", undefined); }\nexport async function bad() { return 1; }` },
    ],
    ["an inline server action without a gate", { "x/page.tsx": `import { pageAccess } from "@/lib/server/authz";\nexport default async function P() { await pageAccess("account.read", undefined); async function save() { "use server"; } return null; }` }],
    ["a layout that loads data without a gate", { "x/layout.tsx": `import { db } from "@/lib/server/db";\nexport default async function L() { await db(); return null; }` }],
    ["a self-declared public route that is not on the list", { "x/page.tsx": `import { publicRoute } from "@/lib/server/authz";\nexport default publicRoute("trust me", function P() { return null; });` }],
    ["a not-found page that loads data", { "x/not-found.tsx": `import { listMembers } from "@/lib/server/repositories/tenancy";\nexport default function N() { return null; }` }],
  ])("fails for %s", (_name, files) => {
    expect(fixture(files)).toHaveLength(1);
  });

  it.each([
    ["a gated page", { "x/page.tsx": `import { pageAccess } from "@/lib/server/authz";\nexport default async function P() { await pageAccess("account.read", undefined); return null; }` }],
    ["a renamed gate import", { "x/page.tsx": `import { pageAccess as gate } from "@/lib/server/authz/page-access";\nexport default async function P() { await gate("account.read", undefined); }` }],
    ["a route handler wrapped in withAccess", { "api/x/route.ts": `import { withAccess } from "@/lib/server/authz";\nexport const GET = withAccess("dag.read", (p) => p, async () => Response.json({}));` }],
    ["a markup-only layout", { "x/layout.tsx": `export default function L({ children }) { return children; }` }],
  ])("passes %s", (_name, files) => {
    expect(fixture(files)).toEqual([]);
  });
});
