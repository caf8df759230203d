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

/** Names of migration folders not yet applied (the Prisma CLI takes ~10 s even for none). */
export async function pendingMigrations(databaseUrl) {
  const all = fs.existsSync(migrationsDir)
    ? fs.readdirSync(migrationsDir).filter((d) => fs.existsSync(path.join(migrationsDir, d, "migration.sql"))).sort()
    : [];
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('_prisma_migrations') AS t");
    if (!table.rows[0].t) return all;
    const applied = await client.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL");
    const done = new Set(applied.rows.map((r) => r.migration_name));
    return all.filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

export async function deployMigrations(databaseUrl) {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) return [];
  prisma(["migrate", "deploy"], { capture: true, env: { DATABASE_URL: databaseUrl } });
  return pending;
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
