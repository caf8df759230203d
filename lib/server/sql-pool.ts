// A plain pg pool for the worker's hot path (a try's start and end writes): the same
// database as lib/server/db.ts without the ORM's per-query cost (~0.5 ms here, twice per
// try). Timestamps go in as ISO-8601 UTC text and are never read back through it (pg would
// read `timestamp` columns as local time).
import pg from "pg";
import { env } from "./env";

const globalForSql = globalThis as unknown as { windsockSqlPool?: pg.Pool };

export function sqlPool(): pg.Pool {
  globalForSql.windsockSqlPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 10 });
  return globalForSql.windsockSqlPool;
}

export async function closeSqlPool(): Promise<void> {
  const pool = globalForSql.windsockSqlPool;
  globalForSql.windsockSqlPool = undefined;
  await pool?.end();
}
