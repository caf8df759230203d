#!/usr/bin/env node
// `npm run -s seed [-- --json]`: demo organizations for people, screenshots and API tests
// (prisma/seed.ts does the work). Finds the database `npm start` uses with no extra
// configuration: DATABASE_URL when set, else the embedded PostgreSQL of .data/ (or
// $WINDSOCK_DATA_DIR): the port in its postmaster.pid, else POSTGRES_PORT, else 5433.
// stdout carries only the seed's output; everything else goes to stderr.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = process.env.WINDSOCK_DATA_DIR ? path.resolve(process.env.WINDSOCK_DATA_DIR) : path.join(root, ".data");

function embeddedPostgresUrl() {
  let port = Number(process.env.POSTGRES_PORT) || 5433;
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const fromPid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[3]);
    if (Number.isInteger(fromPid) && fromPid > 0) port = fromPid;
  }
  // The user, password and database infra/lib/postgres.mjs creates.
  return `postgresql://windsock:windsock@127.0.0.1:${port}/windsock`;
}

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || embeddedPostgresUrl(),
  // Required by the configuration schema; the seed never talks to Temporal.
  TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS || `127.0.0.1:${Number(process.env.TEMPORAL_PORT) || 7233}`,
};
const result = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "prisma", "seed.ts"), ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
