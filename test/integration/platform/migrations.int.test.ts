// Migrations apply once, in order, even when several processes start at the same time.
import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { deployMigrations } from "../../../infra/prisma.mjs";

const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
const name = `migrations_${process.pid}_${Date.now()}`;
const url = new URL(process.env.DATABASE_URL!);
url.pathname = `/${name}`;

afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

describe("database migrations", () => {
  it("apply every migration once when two processes race, then nothing", async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const all = fs.readdirSync(path.resolve(import.meta.dirname, "../../../prisma/migrations")).filter((d) => !d.endsWith(".toml")).sort();

    const [a, b] = await Promise.all([deployMigrations(url.toString()), deployMigrations(url.toString())]);
    expect([...a, ...b].sort()).toEqual(all);
    expect(await deployMigrations(url.toString())).toEqual([]);

    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const recorded = await db.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`);
      expect(recorded.rows.map((r) => r.migration_name)).toEqual(all);
      const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["organization", "user", "environment", "audit_event"]));
    } finally {
      await db.end();
    }
  });
});
