#!/usr/bin/env node
// `npm test [tier...] [-- vitest args]`: installs what is missing, provisions its own
// PostgreSQL and Temporal dev server on free ports (never .data/, never DATABASE_URL or
// TEMPORAL_ADDRESS; TEST_DATABASE_URL / TEST_TEMPORAL_ADDRESS may point elsewhere),
// builds and serves the web app for browser tests, runs the tiers, and ends with the
// line `N passed, N failed, N skipped`.
// Until dependencies are installed this file may only use Node built-ins.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ensureDependencies } from "./lib/deps.mjs";
import { UserFacingError, freePort, waitForPort } from "./lib/ports.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIERS = ["unit", "static", "integration", "authz", "e2e"];
const NEEDS_SERVICES = new Set(["integration", "authz", "e2e"]);
const started = Date.now();
const log = (m) => process.stderr.write(`test│ ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s  ${m}\n`);

const argv = process.argv.slice(2);
const dashDash = argv.indexOf("--");
// npm eats the first `--` of `npm test e2e -- test/e2e/x.spec.ts`, so what follows the
// tiers is vitest's too: a path or an option ends the tier list.
const firstVitestArg = argv.findIndex((a, i) => i === dashDash || a.startsWith("-") || a.includes("/") || a.includes("."));
const ourArgs = firstVitestArg === -1 ? argv : argv.slice(0, firstVitestArg);
const vitestArgs = firstVitestArg === -1 ? [] : argv.slice(firstVitestArg).filter((a, i) => !(i === 0 && a === "--"));
const unknown = ourArgs.filter((a) => !TIERS.includes(a));
if (unknown.length) {
  process.stderr.write(`Unknown test tier: ${unknown.join(", ")}. Tiers: ${TIERS.join(", ")} (none = all). Extra vitest arguments go after --.\n`);
  process.exit(2);
}
const tiers = ourArgs.length ? ourArgs : TIERS;

const cleanups = [];
async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await Promise.race([fn(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    } catch (e) {
      log(`cleanup: ${e?.message ?? e}`);
    }
  }
}
process.on("SIGINT", () => cleanup().then(() => process.exit(130)));
process.on("SIGTERM", () => cleanup().then(() => process.exit(143)));

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

function ensureChromium() {
  let found = chromiumPath();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { encoding: "utf8" }).status === 0;
  if (isRoot && hasApt) {
    log("installing Chromium for browser tests (apt-get install chromium; once)…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore" });
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (r.status === 0) found = chromiumPath();
  }
  if (!found) {
    throw new UserFacingError(
      "Browser tests need Chromium and none was found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`), or set CHROMIUM_PATH to a Chromium/Chrome binary, or run other tiers: `npm test unit integration authz`.",
    );
  }
  return found;
}

async function main() {
  ensureDependencies(root, log);
  const { ensurePrismaClient, deployMigrations } = await import("./prisma.mjs");
  const { spawnService, stopChild } = await import("./lib/proc.mjs");
  const { ensureWebBuild } = await import("./lib/web-build.mjs");
  const { ephemeralSecrets } = await import("./lib/secrets.mjs");

  ensurePrismaClient(log);

  const secrets = ephemeralSecrets();
  const testEnv = {
    ...process.env,
    ...secrets,
    NODE_ENV: "test",
    NEXT_TELEMETRY_DISABLED: "1",
    TEMPORAL_TASK_QUEUE: `windsock-test-${process.pid}`,
  };
  // Never let a test reach the developer's own database or Temporal server.
  delete testEnv.DATABASE_URL;
  delete testEnv.TEMPORAL_ADDRESS;

  const needServices = tiers.some((t) => NEEDS_SERVICES.has(t));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "windsock-test-"));
  fs.chmodSync(workDir, 0o755); // PostgreSQL runs as its own user when we are root
  cleanups.push(async () => fs.rmSync(workDir, { recursive: true, force: true }));

  if (needServices) {
    const { startEmbeddedPostgres } = await import("./lib/postgres.mjs");
    const { ensureTemporalCli, startTemporalDevServer } = await import("./lib/temporal.mjs");
    const temporalReady = (async () => {
      if (process.env.TEST_TEMPORAL_ADDRESS) return process.env.TEST_TEMPORAL_ADDRESS;
      const bin = ensureTemporalCli(log);
      const server = await startTemporalDevServer({ bin, port: await freePort(), httpPort: await freePort() });
      cleanups.push(() => server.stop());
      log(`Temporal dev server on ${server.address}`);
      return server.address;
    })();
    let databaseUrl = process.env.TEST_DATABASE_URL;
    if (!databaseUrl) {
      const pgServer = await startEmbeddedPostgres({ dataDir: path.join(workDir, "postgres"), port: await freePort(), persistent: false });
      cleanups.push(() => pgServer.stop());
      databaseUrl = pgServer.url;
      log(`PostgreSQL on ${new URL(databaseUrl).host}`);
    }
    await deployMigrations(databaseUrl);
    testEnv.DATABASE_URL = databaseUrl;
    testEnv.TEMPORAL_ADDRESS = await temporalReady;
  }

  if (tiers.includes("e2e")) {
    testEnv.CHROMIUM_PATH = ensureChromium();
    // A separate build folder, so a running `npm start` keeps its own .next/.
    const distDir = ".next-test";
    // Two `npm test` runs in one checkout would rebuild .next-test under each other's server:
    // the second waits for the first's browser tests instead.
    await lockBuildDir(path.join(root, `${distDir}.lock`));
    const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
    // The browser tests' web app and worker get a task queue of their own: integration tests
    // start workers with their own settings on the test queue, and must not have their
    // workflows and activities picked up by this worker.
    const webEnv = { ...testEnv, NEXT_DIST_DIR: distDir, TEMPORAL_TASK_QUEUE: `${testEnv.TEMPORAL_TASK_QUEUE}-e2e` };
    ensureWebBuild(root, { distDir, env: webEnv, log, showOutput: false });
    const port = await freePort();
    const appUrl = `http://localhost:${port}`;
    Object.assign(webEnv, { PORT: String(port), APP_URL: appUrl, AUTH_URL: appUrl, AUTH_TRUST_HOST: "true", OUTBOX_DIR: path.join(workDir, "outbox") });
    // Browser tests point connections at services on this machine (the test PostgreSQL),
    // so the worker may reach private addresses here (the hosted default refuses them).
    webEnv.ALLOW_PRIVATE_NETWORK = process.env.ALLOW_PRIVATE_NETWORK ?? "true";
    const quiet = !process.env.TEST_VERBOSE;
    const web = spawnService("web", process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: webEnv, quiet });
    cleanups.push(() => stopChild(web));
    const worker = spawnService("worker", process.execPath, ["--import", "tsx", "worker/main.ts"], { cwd: root, env: webEnv, quiet });
    cleanups.push(() => stopChild(worker));
    await waitForPort(port, { timeoutMs: 60_000, isAlive: () => web.exitCode === null });
    Object.assign(testEnv, { E2E_BASE_URL: appUrl, OUTBOX_DIR: webEnv.OUTBOX_DIR });
    log(`web app for browser tests on ${appUrl}`);
  }

  const report = path.join(workDir, "vitest.json");
  const vitestBin = path.join(root, "node_modules", "vitest", "vitest.mjs");
  const args = [vitestBin, "run", ...tiers.flatMap((t) => ["--project", t]), "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...vitestArgs];
  log(`running ${tiers.join(", ")} tests…`);
  const run = spawnSync(process.execPath, args, { cwd: root, env: testEnv, stdio: "inherit" });

  let passed = 0, failed = 0, skipped = 0;
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, "utf8"));
    passed = r.numPassedTests;
    skipped = r.numPendingTests + r.numTodoTests;
    // A file that fails to load has no tests to count: count it as a failure.
    const brokenFiles = (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
    failed = r.numFailedTests + brokenFiles;
  } else {
    failed = 1;
    log("vitest wrote no report (it crashed before running tests); see above.");
  }
  if (run.status !== 0 && failed === 0) failed = 1;
  await cleanup();
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  process.exit(failed > 0 ? 1 : 0);
}

async function lockBuildDir(lockDir) {
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      cleanups.push(() => fs.rmSync(lockDir, { recursive: true, force: true }));
      return;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    const holder = Number(fs.existsSync(path.join(lockDir, "pid")) ? fs.readFileSync(path.join(lockDir, "pid"), "utf8") : NaN);
    let alive = false;
    try {
      if (holder) process.kill(holder, 0);
      alive = Boolean(holder);
    } catch {
      alive = false;
    }
    const orphan = !holder && Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs > 10_000;
    if ((!alive && holder) || orphan) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) log(`waiting for another npm test (pid ${holder || "?"}) to finish its browser tests…`);
    announced = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

main().catch(async (e) => {
  log(e instanceof UserFacingError ? e.message : `test run failed: ${e?.stack ?? e}`);
  await cleanup();
  process.stdout.write("\n0 passed, 1 failed\n");
  process.exit(1);
});
