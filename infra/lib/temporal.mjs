// The Temporal CLI's dev server (a Go module, installed once with `go install` into a
// cache outside the repository) for `npm start`, `npm test` and `npm run bench`.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UserFacingError, waitForPort } from "./ports.mjs";

export const TEMPORAL_CLI_VERSION = "v1.5.1"; // v1.6+ carry a `replace` directive that `go install` refuses

export function temporalCacheDir() {
  return process.env.WINDSOCK_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "windsock");
}

export function ensureTemporalCli(log = (m) => process.stderr.write(m + "\n")) {
  const binDir = path.join(temporalCacheDir(), "bin");
  const bin = path.join(binDir, "temporal");
  const versionFile = path.join(binDir, "temporal.version");
  if (fs.existsSync(bin) && fs.existsSync(versionFile) && fs.readFileSync(versionFile, "utf8").trim() === TEMPORAL_CLI_VERSION) return bin;
  if (fs.existsSync(bin) && !fs.existsSync(versionFile)) {
    // Installed by hand or by an older script: trust it if it runs.
    const probe = spawnSync(bin, ["--version"], { encoding: "utf8" });
    if (probe.status === 0) {
      fs.writeFileSync(versionFile, TEMPORAL_CLI_VERSION + "\n");
      return bin;
    }
  }
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.status !== 0) {
    throw new UserFacingError(
      "Go is needed once to install the Temporal dev server (`go install github.com/temporalio/cli/cmd/temporal`), and `go` was not found. Install Go 1.22+, or set TEMPORAL_ADDRESS to an existing Temporal server.",
    );
  }
  log(`Installing the Temporal CLI ${TEMPORAL_CLI_VERSION} into ${binDir} (once; about 4 minutes on 2 cores)…`);
  fs.mkdirSync(binDir, { recursive: true });
  const result = spawnSync("go", ["install", `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, GOBIN: binDir, GOFLAGS: "-mod=mod" },
  });
  if (result.status !== 0 || !fs.existsSync(bin)) {
    throw new UserFacingError(`Installing the Temporal CLI failed (go install exit ${result.status}). Check access to the Go module proxy, or set TEMPORAL_ADDRESS to an existing Temporal server.`);
  }
  fs.writeFileSync(versionFile, TEMPORAL_CLI_VERSION + "\n");
  return bin;
}

/**
 * Starts `temporal server start-dev` with the performance flags of shared/TOOLCHAIN.md.
 * `dbFile` null keeps everything in memory (tests); `uiPort` null runs headless.
 */
export async function startTemporalDevServer({ bin, port, httpPort, uiPort = null, dbFile = null, log = () => {} }) {
  const args = [
    "server", "start-dev",
    "--ip", "127.0.0.1",
    "--port", String(port),
    "--http-port", String(httpPort),
    "--metrics-port", "0",
    "--log-level", "warn",
    "--dynamic-config-value", "system.enableActivityEagerExecution=true",
    "--dynamic-config-value", "limit.maxIDLength=1000",
  ];
  if (dbFile) args.push("--db-filename", dbFile, "--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal");
  if (uiPort) args.push("--ui-port", String(uiPort), "--ui-ip", "127.0.0.1");
  else args.push("--headless");
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"], detached: false });
  let alive = true;
  let output = "";
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-4000);
    log(chunk.toString());
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  child.on("exit", () => (alive = false));
  try {
    await waitForPort(port, { timeoutMs: 60_000, isAlive: () => alive });
  } catch (e) {
    child.kill("SIGKILL");
    throw new Error(`The Temporal dev server did not start on port ${port}: ${e.message}\n${output}`);
  }
  return {
    address: `127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (!alive) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => alive && child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
