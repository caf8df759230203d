#!/usr/bin/env node
// Prisma CLI wrapper for the offline route of shared/TOOLCHAIN.md:
//   generate            generate the client into generated/prisma
//   deploy              apply pending migrations to DATABASE_URL
//   new <name>          write prisma/migrations/<ts>_<name>/ from the schema diff
// Each migration folder keeps a copy of the schema it leads to (schema.prisma), so
// the next migration is a diff between two datamodels and never needs a shadow
// database (introspection does not work offline with Prisma 6.19).
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const migrationsDir = path.join(root, "prisma", "migrations");
const schemaPath = path.join(root, "prisma", "schema.prisma");

export function prismaEnv(extra = {}) {
  // The CLI wants engine binaries it never runs on this route; point it at a file that exists.
  const dummy = path.join(root, "infra", "prisma.mjs");
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: dummy,
    PRISMA_QUERY_ENGINE_LIBRARY: dummy,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

function prisma(args, { env = {}, capture = false } = {}) {
  const bin = path.join(root, "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    env: prismaEnv(env),
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    if (capture) process.stderr.write(result.stderr || "");
    throw new Error(`prisma ${args[0]} ${args[1] ?? ""} failed (exit ${result.status})`);
  }
  return result.stdout;
}

export function generateClient() {
  prisma(["generate", "--no-hints"], { capture: true, env: { DATABASE_URL: process.env.DATABASE_URL || "postgresql://unused@localhost/unused" } });
}

/** Regenerates the client only when the schema or the installed Prisma changed. */
export function ensurePrismaClient(log = () => {}) {
  const stamp = path.join(root, "generated", ".schema-stamp");
  const hash = crypto
    .createHash("sha256")
    .update(fs.readFileSync(schemaPath))
    .update(fs.existsSync(path.join(root, "package-lock.json")) ? fs.readFileSync(path.join(root, "package-lock.json")) : "")
    .digest("hex");
  const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : null;
  if (current === hash && fs.existsSync(path.join(root, "generated", "prisma", "client.ts"))) return;
  log("generating the Prisma client…");
  generateClient();
  fs.writeFileSync(stamp, hash + "\n");
}

const MIGRATION_LOCK = 72707369; // the advisory lock key Prisma's own migrate uses

function migrationNames() {
  return fs.existsSync(migrationsDir)
    ? fs.readdirSync(migrationsDir).filter((d) => fs.existsSync(path.join(migrationsDir, d, "migration.sql"))).sort()
    : [];
}

/**
 * Applies pending migrations in name order, each in its own transaction, under an
 * advisory lock so concurrent starters (several replicas, a test and a developer)
 * never apply one twice. Bookkeeping goes to Prisma's own `_prisma_migrations` table
 * (checksum = sha256 of migration.sql), so the Prisma CLI reads the same history.
 * We apply them ourselves because `prisma migrate deploy` costs 10-15 s even when
 * there is nothing to do (docs/decisions/0002-prisma-6-19-offline.md).
 * A migration that cannot run in a transaction (CREATE INDEX CONCURRENTLY) must be
 * split into its own file marked with a first line `-- windsock: no-transaction`.
 */
export async function deployMigrations(databaseUrl) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const applied = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const rows = (await client.query(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`)).rows;
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new Error(`Migration ${failed.migration_name} failed earlier and was not rolled back. Fix the database, then mark it rolled back: UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${failed.migration_name}';`);
    }
    const done = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
    for (const name of migrationNames()) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      const transactional = !sql.startsWith("-- windsock: no-transaction");
      try {
        if (transactional) await client.query("BEGIN");
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [crypto.randomUUID(), checksum, name],
        );
        if (transactional) await client.query("COMMIT");
      } catch (e) {
        if (transactional) await client.query("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${name} failed: ${e.message}. Nothing of it was applied${transactional ? "" : " (it ran outside a transaction: check the database)"}.`);
      }
      applied.push(name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
  return applied;
}

function latestMigration() {
  if (!fs.existsSync(migrationsDir)) return null;
  const dirs = fs.readdirSync(migrationsDir).filter((d) => fs.statSync(path.join(migrationsDir, d)).isDirectory()).sort();
  return dirs.length ? path.join(migrationsDir, dirs[dirs.length - 1]) : null;
}

async function withDiffDatabase(fn) {
  // `migrate diff` connects through the driver adapter even between two datamodels,
  // so give it a throwaway database unless DATABASE_URL names one.
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const os = await import("node:os");
  const { startEmbeddedPostgres } = await import("./lib/postgres.mjs");
  const { freePort } = await import("./lib/ports.mjs");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "windsock-migration-"));
  const pgServer = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  try {
    return fn(pgServer.url);
  } finally {
    await pgServer.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function newMigration(name) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name>   (name: lower-case letters, digits and _ , e.g. add_dag_runs)");
    process.exit(2);
  }
  const prev = latestMigration();
  const from = prev ? ["--from-schema-datamodel", path.join(prev, "schema.prisma")] : ["--from-empty"];
  const sql = await withDiffDatabase((url) =>
    prisma(["migrate", "diff", ...from, "--to-schema-datamodel", schemaPath, "--script"], { capture: true, env: { DATABASE_URL: url } }),
  );
  if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
    console.error("No schema changes since the last migration: nothing to write.");
    process.exit(1);
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.copyFileSync(schemaPath, path.join(dir, "schema.prisma"));
  console.error(`Wrote ${path.relative(root, dir)}/migration.sql — review it, then \`npm run db:migrate\` (npm start and npm test apply it for you).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, arg] = process.argv.slice(2);
  try {
    if (cmd === "generate") generateClient();
    else if (cmd === "deploy") {
      if (!process.env.DATABASE_URL) {
        console.error("DATABASE_URL is not set. `npm start` applies migrations to its own database; set DATABASE_URL to migrate another one.");
        process.exit(2);
      }
      const applied = await deployMigrations(process.env.DATABASE_URL);
      console.error(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "The database is up to date.");
    } else if (cmd === "new") newMigration(arg);
    else {
      console.error("Usage: node infra/prisma.mjs generate | deploy | new <name>");
      process.exit(2);
    }
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
