// Installs npm dependencies when node_modules is missing or stale. Uses only Node
// built-ins: it runs before anything is installed.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { UserFacingError } from "./ports.mjs";

export function ensureDependencies(root, log = (m) => process.stderr.write(m + "\n")) {
  const lockPath = path.join(root, "package-lock.json");
  const manifest = fs.readFileSync(path.join(root, "package.json"));
  const lock = fs.existsSync(lockPath) ? fs.readFileSync(lockPath) : Buffer.alloc(0);
  const want = crypto.createHash("sha256").update(manifest).update(lock).digest("hex");
  const stampPath = path.join(root, "node_modules", ".windsock-deps");
  const have = fs.existsSync(stampPath) ? fs.readFileSync(stampPath, "utf8").trim() : null;
  if (have === want) return false;

  // `npm install` honours the lockfile; `npm ci` rejects lockfiles written by npm 11 without
  // other platforms' optional packages (see docs/decisions/0001-two-commands.md).
  log("Installing dependencies (npm install) — first run only, about two minutes…");
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  if (result.status !== 0) {
    throw new UserFacingError(`npm install failed (exit ${result.status}). Check your network access to the npm registry and try again.`);
  }
  fs.writeFileSync(stampPath, want + "\n");
  return true;
}
