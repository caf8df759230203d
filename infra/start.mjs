#!/usr/bin/env node
// `npm start` / `npm run dev`: everything on one machine. Installs what is missing,
// starts PostgreSQL (unless DATABASE_URL is set) and a Temporal dev server (unless
// TEMPORAL_ADDRESS is set), applies migrations, then runs the worker and the web app.
// Ctrl-C stops every process it started; data under .data/ stays.
// Until dependencies are installed this file may only use Node built-ins.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies } from "./lib/deps.mjs";
import { UserFacingError, requireFreePort, waitForPort } from "./lib/ports.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = process.env.WINDSOCK_DATA_DIR ? path.resolve(process.env.WINDSOCK_DATA_DIR) : path.join(root, ".data");
const dev = process.argv.includes("--dev");
const started = Date.now();
const log = (m) => process.stderr.write(`windsock│ ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s  ${m}\n`);

function portVar(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UserFacingError(`${name}=${raw} is not a valid port: use a whole number between 1 and 65535.`);
  return n;
}

const cleanups = [];
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  log("stopping…");
  for (const fn of cleanups.reverse()) {
    try {
      await Promise.race([fn(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    } catch (e) {
      log(`while stopping: ${e?.message ?? e}`);
    }
  }
  log(`stopped. Data is kept in ${path.relative(root, dataDir) || dataDir}/.`);
  process.exit(code);
}

async function main() {
  ensureDependencies(root, log);
  const { startEmbeddedPostgres } = await import("./lib/postgres.mjs");
  const { ensureTemporalCli, startTemporalDevServer } = await import("./lib/temporal.mjs");
  const { spawnService, stopChild } = await import("./lib/proc.mjs");
  const { ensureWebBuild } = await import("./lib/web-build.mjs");
  const { loadOrCreateSecrets } = await import("./lib/secrets.mjs");
  const { ensurePrismaClient, deployMigrations } = await import("./prisma.mjs");

  const ports = {
    web: portVar("PORT", 3000),
    postgres: portVar("POSTGRES_PORT", 5433),
    temporal: portVar("TEMPORAL_PORT", 7233),
    temporalHttp: portVar("TEMPORAL_HTTP_PORT", 7243),
    temporalUi: portVar("TEMPORAL_UI_PORT", 8233),
  };
  const useOwnPostgres = !process.env.DATABASE_URL;
  const useOwnTemporal = !process.env.TEMPORAL_ADDRESS;

  await requireFreePort(ports.web, "PORT", "web app");
  if (useOwnTemporal) {
    await requireFreePort(ports.temporal, "TEMPORAL_PORT", "Temporal frontend");
    await requireFreePort(ports.temporalHttp, "TEMPORAL_HTTP_PORT", "Temporal HTTP API");
    await requireFreePort(ports.temporalUi, "TEMPORAL_UI_PORT", "Temporal Web UI");
  }

  const secrets = loadOrCreateSecrets(dataDir);

  ensurePrismaClient(log);

  let databaseUrl = process.env.DATABASE_URL;
  if (useOwnPostgres) {
    const pgDir = path.join(dataDir, "postgres");
    await requireFreePortUnlessOurs(ports.postgres, pgDir);
    log(`starting PostgreSQL on 127.0.0.1:${ports.postgres} (data in .data/postgres)…`);
    const pgServer = await startEmbeddedPostgres({ dataDir: pgDir, port: ports.postgres });
    cleanups.push(() => pgServer.stop());
    databaseUrl = pgServer.url;
  } else {
    log("using the PostgreSQL in DATABASE_URL");
  }

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = null;
  const temporalReady = (async () => {
    if (!useOwnTemporal) return log(`using the Temporal server at ${temporalAddress}`);
    const bin = ensureTemporalCli(log);
    log(`starting the Temporal dev server on 127.0.0.1:${ports.temporal} (history in .data/temporal.db)…`);
    const server = await startTemporalDevServer({
      bin,
      port: ports.temporal,
      httpPort: ports.temporalHttp,
      uiPort: ports.temporalUi,
      dbFile: path.join(dataDir, "temporal.db"),
      log: (m) => process.env.LOG_LEVEL === "debug" && process.stderr.write(m),
    });
    cleanups.push(() => server.stop());
    temporalAddress = server.address;
    temporalUi = `http://localhost:${ports.temporalUi}`;
  })();

  const applied = await deployMigrations(databaseUrl);
  if (applied.length) log(`applied ${applied.length} database migration(s)`);

  const appUrl = process.env.APP_URL || `http://localhost:${ports.web}`;
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!dev) ensureWebBuild(root, { distDir: process.env.NEXT_DIST_DIR || ".next", log });

  await temporalReady;

  const childEnv = {
    ...process.env,
    ...secrets,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    PORT: String(ports.web),
    APP_URL: appUrl,
    AUTH_URL: appUrl,
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: dev ? "development" : "production",
  };
  const children = [];
  const watchCleanup = (child) => {
    children.push(child);
    cleanups.push(() => stopChild(child));
    child.on("exit", (code, signal) => {
      if (shuttingDown) return;
      // Ctrl-C reaches every process of the terminal's group, children included.
      if (signal === "SIGINT" || code === 130) return shutdown(0);
      log(`${child.serviceName} exited (${signal ?? `code ${code}`}); stopping everything.`);
      shutdown(1);
    });
  };

  const tsxLoader = ["--import", "tsx"];
  const workerArgs = dev ? [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "watch", "--clear-screen=false", "worker/main.ts"] : [...tsxLoader, "worker/main.ts"];
  watchCleanup(spawnService("worker", process.execPath, workerArgs, { cwd: root, env: childEnv }));
  const webArgs = [nextBin, dev ? "dev" : "start", "-p", String(ports.web), "-H", "0.0.0.0"];
  watchCleanup(spawnService("web", process.execPath, webArgs, { cwd: root, env: childEnv }));

  await waitForPort(ports.web, { timeoutMs: 120_000 });
  log("web app listening; waiting for it to report healthy…");
  const health = await pollHealth(`http://127.0.0.1:${ports.web}/api/health`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    "",
    `Windsock is up in ${seconds}s${dev ? " (dev mode, hot reload)" : ""}`,
    `  App          ${appUrl}`,
    temporalUi ? `  Temporal UI  ${temporalUi}` : `  Temporal     ${temporalAddress}`,
    `  Health       ${appUrl}/api/health  →  database ${health.database}, temporal ${health.temporal}`,
    "  Press Ctrl-C to stop (your data stays in .data/).",
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

async function requireFreePortUnlessOurs(port, pgDir) {
  // A postgres of ours left running by a killed `npm start` is stopped and restarted
  // by startEmbeddedPostgres; anything else on the port is a conflict.
  const fs = await import("node:fs");
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const lines = fs.readFileSync(pidFile, "utf8").split("\n");
    if (Number(lines[3]) === port) return;
  }
  await requireFreePort(port, "POSTGRES_PORT", "PostgreSQL");
}

async function pollHealth(url) {
  let last = { database: "unavailable", temporal: "unavailable" };
  for (let i = 0; i < 60; i++) {
    try {
      const res = await fetch(url);
      last = await res.json();
      if (res.ok) return last;
    } catch {
      // the server is still starting
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

main().catch(async (e) => {
  if (e instanceof UserFacingError) log(e.message);
  else log(`failed to start: ${e?.stack ?? e}`);
  await shutdown(1);
});
