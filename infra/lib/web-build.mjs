// `next build`, only when the web app's sources changed since the last build into distDir.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { hashInputs, readStamp, writeStamp } from "./proc.mjs";
import { UserFacingError } from "./ports.mjs";

const WEB_INPUTS = ["app", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];

export function ensureWebBuild(root, { distDir = ".next", env = process.env, log = () => {}, showOutput = true } = {}) {
  const stamp = path.join(root, distDir, "windsock-build-stamp");
  const hash = hashInputs(root, WEB_INPUTS);
  if (readStamp(stamp) === hash) return false;
  log(`building the web app into ${distDir}/ (only when its sources changed)…`);
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    env: { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", showOutput ? "inherit" : "pipe", "inherit"],
  });
  if (build.status !== 0) throw new UserFacingError("`next build` failed; see the errors above.");
  writeStamp(stamp, hash);
  return true;
}
