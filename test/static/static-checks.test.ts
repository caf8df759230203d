// Type errors and architecture-rule violations (eslint.config.mjs: layer boundaries,
// determinism in workflows/ and lib/domain/) fail `npm test`, not `npm start`.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

function run(bin: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", bin), ...args], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, output: (r.stdout ?? "") + (r.stderr ?? "") };
}

describe("static checks", () => {
  it("type-checks (npm run typecheck)", () => {
    const { status, output } = run("typescript/bin/tsc", ["--noEmit", "-p", "tsconfig.json"]);
    expect(output.trim(), "tsc reported errors").toBe("");
    expect(status).toBe(0);
  });

  it("passes lint, including import boundaries and workflow determinism (npm run lint)", () => {
    const { status, output } = run("eslint/bin/eslint.js", [".", "--quiet"]);
    expect(output.trim(), "eslint reported errors").toBe("");
    expect(status).toBe(0);
  });

  it("lint really rejects a clock read in workflow code", () => {
    const r = spawnSync(process.execPath, [path.join(root, "node_modules/eslint/bin/eslint.js"), "--stdin", "--stdin-filename", "workflows/bad.ts"], {
      cwd: root,
      input: "export const t = Date.now();\nimport fs from 'node:fs';\nexport const f = fs;\n",
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("No wall clock here");
    expect(r.stdout).toContain("no Node built-ins");
  });
});
