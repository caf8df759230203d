// A login role in the test PostgreSQL with a unique, planted password, so tests can look
// for that password in responses, pages, rows and logs (the server's own password,
// "windsock", also appears as a user and database name and proves nothing).
import { randomUUID } from "node:crypto";
import pg from "pg";

export interface PostgresLogin {
  host: string;
  port: number;
  login: string;
  password: string;
  schema: string;
}

export async function createPostgresLogin(databaseUrl: string): Promise<PostgresLogin> {
  const url = new URL(databaseUrl);
  const tag = randomUUID().replace(/-/g, "").slice(0, 10);
  const login = `probe_${tag}`;
  const password = `PLANTED-pg-${tag}-s3cr3t`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}'`);
  } finally {
    await admin.end();
  }
  return { host: url.hostname, port: Number(url.port || 5432), login, password, schema: url.pathname.slice(1) };
}
