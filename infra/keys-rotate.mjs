#!/usr/bin/env node
// `npm run keys:rotate`: re-wraps every stored secret with the current master key
// (lib/server/services/secrets/keys-rotate-main.ts does the work). Uses DATABASE_URL when
// set, else the embedded PostgreSQL `npm start` runs from .data/ (or $WINDSOCK_DATA_DIR);
// the master keys from WINDSOCK_MASTER_KEYS / WINDSOCK_MASTER_KEY, else .data/secrets.json.
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
  return `postgresql://windsock:windsock@127.0.0.1:${port}/windsock`;
}

function storedMasterKey() {
  const file = path.join(dataDir, "secrets.json");
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")).WINDSOCK_MASTER_KEY;
}

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || embeddedPostgresUrl(),
  // Required by the configuration schema; rotation never talks to Temporal.
  TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS || `127.0.0.1:${Number(process.env.TEMPORAL_PORT) || 7233}`,
};
if (!env.WINDSOCK_MASTER_KEYS && !env.WINDSOCK_MASTER_KEY) env.WINDSOCK_MASTER_KEY = storedMasterKey();
const result = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "lib", "server", "services", "secrets", "keys-rotate-main.ts"), ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
