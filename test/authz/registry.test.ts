// Every entry point under app/ has a row in the cross-tenant matrix (test/authz/routes.ts),
// except the short public list; and every row names an entry point that exists. The
// failure lists each missing entry with a line to paste (check its permission).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC_ROUTES, registry, ROOT, type Entry } from "../support/entry-points";
import { ROWS, rowKey } from "./routes";

const GATE_CALL = /(?:withAccess|pageAccess|actionAccess|requireAccess)\(\s*"([a-z_]+\.[a-z_]+)"/;

/** A ready-to-paste row; the permission is read from the file (the first gate call after the export). */
function suggestion(entry: Entry): string {
  const text = fs.readFileSync(path.join(ROOT, entry.file), "utf8");
  const from = entry.kind === "route" || entry.kind === "action" ? Math.max(0, text.search(new RegExp(`export (?:async )?(?:const|function) ${entry.name}\\b`))) : 0;
  const permission = GATE_CALL.exec(text.slice(from))?.[1] ?? "<permission>";
  const q = JSON.stringify;
  switch (entry.kind) {
    case "route":
      return `api(${q(entry.name)}, ${q(entry.file)}, ${q(permission)}),`;
    case "page":
      return `page(${q(entry.file)}, ${q(permission)}),`;
    case "layout":
      return `layout(${q(entry.file)}, ${q(permission)}),`;
    case "action":
      return `action(${q(entry.file)}, ${q(entry.name)}, ${q(permission)}, (fn, s) => fn(/* arguments: s.orgSlug, s.env, form({...}) */)),`;
  }
}

describe("cross-tenant matrix registry", () => {
  const entries = registry().entries.filter((e) => !Object.hasOwn(PUBLIC_ROUTES, e.file));
  const rowKeys = new Set(ROWS.map(rowKey));

  it("has a row for every entry point that is not public", () => {
    const missing = entries.filter((e) => !rowKeys.has(rowKey(e)));
    const message = [
      `${missing.length} entry point(s) have no row in test/authz/routes.ts. Add these lines to ROWS there (check each permission; see the file's header):`,
      ...missing.map((e) => `  ${suggestion(e)}`),
    ].join("\n");
    expect(missing.length, message).toBe(0);
  });

  it("has no row for an entry point that does not exist (or is public)", () => {
    const keys = new Set(entries.map(rowKey));
    const stale = ROWS.filter((r) => !keys.has(rowKey(r))).map(rowKey);
    expect(stale, "rows in test/authz/routes.ts that match no gated entry point: remove or fix them").toEqual([]);
  });

  it("has each row once", () => {
    const seen = new Set<string>();
    const twice = ROWS.map(rowKey).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
    expect(twice).toEqual([]);
  });
});
