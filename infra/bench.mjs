#!/usr/bin/env node
// `npm run bench [-- --json] [-- name...]`: runs every test/bench/*.bench.ts with tsx.
// Each bench prints readable figures on stderr and, with --json, one JSON object of
// figures as the last line of stdout; this script merges them into one document
// with the machine's core count. Speed targets live here, never in timed tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies } from "./lib/deps.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const json = args.includes("--json");
const only = args.filter((a) => !a.startsWith("--"));

ensureDependencies(root, (m) => process.stderr.write(m + "\n"));
const dir = path.join(root, "test", "bench");
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const figures = { cores: os.cpus().length };
let failed = 0;
process.stderr.write(`Benchmarks on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}\n`);
for (const file of benches) {
  process.stderr.write(`\n── ${file}\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file), "--json"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`${file} failed (exit ${r.status})\n`);
    continue;
  }
  const last = r.stdout.trim().split("\n").pop() ?? "{}";
  try {
    Object.assign(figures, JSON.parse(last));
  } catch {
    process.stderr.write(`${file} printed no JSON figures on its last stdout line\n`);
  }
}
if (json) process.stdout.write(JSON.stringify(figures) + "\n");
else for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(36)} ${v}\n`);
process.exit(failed ? 1 : 0);
