// "Test connection" end to end: the route asks a worker through Temporal, the worker reads
// the sealed connection, audits the decrypt, and probes the real test PostgreSQL; the
// outbound policy refuses private and metadata addresses unless private networks are
// allowed; nothing printed by the app or the worker contains the password.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsPrincipal } from "../../../lib/server/authz";
import { db, closeDb } from "../../../lib/server/db";
import { env } from "../../../lib/server/env";
import { runConnectionTest } from "../../../lib/server/services/connections/run-connection-test";
import { findConnectionRow } from "../../../lib/server/services/connections/connection-store";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { createActivities } from "../../../worker/activities";
import { createWorker } from "../../../worker/create-worker";
import * as testRoute from "../../../app/api/v1/environments/[env]/connections/[connection_id]/test/route";
import { createPostgresLogin, type PostgresLogin } from "../../factories/postgres-role";
import { makeTenant, type Tenant } from "../authz-gate/fixtures";
import { api, planted } from "./helpers";

let acme: Tenant;
let dev: string;
let testDb: PostgresLogin;

// Everything the process prints while these tests run.
const printed: string[] = [];
const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

beforeAll(async () => {
  acme = await makeTenant("Acme");
  dev = acme.environments.dev.id;
  testDb = await createPostgresLogin(env().DATABASE_URL);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (printed.push(String(chunk)), originals.out(chunk as string, ...(rest as [])))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (printed.push(String(chunk)), originals.err(chunk as string, ...(rest as [])))) as typeof process.stderr.write;
});
afterAll(async () => {
  process.stdout.write = originals.out;
  process.stderr.write = originals.err;
  await closeTemporalClient();
  await closeDb();
});

async function testViaApi(connectionId: string) {
  const response = await runAsPrincipal(acme.owner, () =>
    testRoute.POST(new Request(`http://app.test/api/v1/environments/${dev}/connections/${connectionId}/test`, { method: "POST", headers: { host: "app.test", origin: "http://app.test" } }), {
      params: Promise.resolve({ env: dev, connection_id: connectionId }),
    }),
  );
  return { status: response.status, body: await response.json() };
}

async function withWorker<T>(allowPrivateNetwork: boolean, fn: () => Promise<T>): Promise<T> {
  const { worker, connection } = await createWorker({ activities: createActivities({ db: db(), allowPrivateNetwork }) });
  try {
    return await worker.runUntil(fn());
  } finally {
    await connection.close();
  }
}

async function inputFor(connectionId: string) {
  const row = await findConnectionRow({ organizationId: acme.organization.id, environmentId: dev }, connectionId);
  return {
    organizationId: acme.organization.id,
    workspaceId: acme.workspace.id,
    environmentId: dev,
    connectionId,
    connectionRowId: row!.id,
    requestedBy: { type: "user" as const, id: acme.owner.userId, name: acme.owner.email },
    requestId: null,
  };
}

describe("test connection", () => {
  it("logs in to the real test PostgreSQL through a worker, and audits the decrypt", async () => {
    expect((await api(acme.owner).createConnection(dev, { connection_id: "test_db", conn_type: "postgres", ...testDb })).status).toBe(201);
    const started = performance.now();
    let warm = 0;
    const { status, body } = await withWorker(true, async () => {
      const first = await testViaApi("test_db");
      const again = performance.now();
      await testViaApi("test_db");
      warm = performance.now() - again;
      return first;
    });
    const elapsed = performance.now() - started;
    expect(status).toBe(200);
    expect(body).toMatchObject({ connection_id: "test_db", status: "ok", message: expect.stringMatching(/SELECT 1 answered 1/) });
    expect(body.latency_ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(body)).not.toContain(testDb.password);
    console.info(`test connection through Temporal: ${Math.round(elapsed)} ms for two including worker start; ${Math.round(warm)} ms with a running worker; probe ${body.latency_ms} ms`);

    const events = await db().auditEvent.findMany({ where: { organizationId: acme.organization.id, action: "connection.decrypt" } });
    expect(events).toEqual([0, 1].map(() => expect.objectContaining({ principalType: "user", principalId: acme.owner.userId, summary: expect.objectContaining({ purpose: "test", connection_id: "test_db" }) })));
  });

  it("says what failed and how to fix it: a wrong password, a missing database, nothing listening", async () => {
    const wrong = planted("wrongpw");
    await api(acme.owner).createConnection(dev, { connection_id: "bad_pw", conn_type: "postgres", ...testDb, password: wrong });
    await api(acme.owner).createConnection(dev, { connection_id: "no_db", conn_type: "postgres", ...testDb, schema: "does_not_exist" });
    await api(acme.owner).createConnection(dev, { connection_id: "closed", conn_type: "postgres", ...testDb, port: 1 });
    const options = { allowPrivateNetwork: true, timeoutMs: 5_000 };
    const badPw = await runConnectionTest(await inputFor("bad_pw"), options);
    expect(badPw).toMatchObject({ status: "failed", message: expect.stringMatching(/refused the login of user/), hint: expect.stringMatching(/Password/) });
    expect(JSON.stringify(badPw)).not.toContain(wrong);
    expect(await runConnectionTest(await inputFor("no_db"), options)).toMatchObject({ status: "failed", message: expect.stringMatching(/does_not_exist/), hint: expect.stringMatching(/Database/) });
    expect(await runConnectionTest(await inputFor("closed"), options)).toMatchObject({ status: "failed", message: expect.stringMatching(/connection refused/) });

    // Secrets under a master key that is no longer configured: said so, and the attempt audited.
    const input = await inputFor("bad_pw");
    await db().$executeRaw`UPDATE connection SET sealed_secrets = regexp_replace(sealed_secrets, '^v1\.k1\.', 'v1.k9.') WHERE id = ${input.connectionRowId}`;
    expect(await runConnectionTest(input, options)).toMatchObject({ status: "failed", message: expect.stringMatching(/master key "k9" is not configured/), hint: expect.stringMatching(/configure that master key/) });
    expect(await db().auditEvent.count({ where: { targetId: input.connectionRowId, action: "connection.decrypt", outcome: "failure" } })).toBe(1);
    await db().$executeRaw`UPDATE connection SET sealed_secrets = regexp_replace(sealed_secrets, '^v1\.k9\.', 'v1.k1.') WHERE id = ${input.connectionRowId}`;
  });

  it("refuses private, loopback and metadata addresses unless private networks are allowed (through the worker too)", async () => {
    await api(acme.owner).createConnection(dev, { connection_id: "metadata", conn_type: "http", base_url: "http://169.254.169.254/latest/meta-data/" });
    await api(acme.owner).createConnection(dev, { connection_id: "internal_api", conn_type: "http", base_url: "http://10.1.2.3:8080" });
    await api(acme.owner).createConnection(dev, { connection_id: "local_smtp", conn_type: "smtp", host: "localhost", port: 25 });
    await api(acme.owner).createConnection(dev, { connection_id: "local_mysql", conn_type: "mysql", host: "127.0.0.1" });
    const denied = { allowPrivateNetwork: false, timeoutMs: 3_000 };
    expect(await runConnectionTest(await inputFor("metadata"), denied)).toMatchObject({ status: "failed", message: expect.stringMatching(/cloud metadata service/) });
    expect(await runConnectionTest(await inputFor("internal_api"), denied)).toMatchObject({ status: "failed", message: expect.stringMatching(/private network address/) });
    expect(await runConnectionTest(await inputFor("local_smtp"), denied)).toMatchObject({ status: "failed", message: expect.stringMatching(/loopback/) });
    expect(await runConnectionTest(await inputFor("local_mysql"), denied)).toMatchObject({ status: "failed", hint: expect.stringMatching(/ALLOW_PRIVATE_NETWORK/) });

    const viaWorker = await withWorker(false, () => testViaApi("test_db"));
    expect(viaWorker.body).toMatchObject({ status: "failed", message: expect.stringMatching(/refused to connect to .*loopback/), hint: expect.stringMatching(/ALLOW_PRIVATE_NETWORK/) });
  });

  it("checks a Slack webhook's shape without posting", async () => {
    const url = `https://hooks.slack.com/services/T0001/B0001/${"x".repeat(24)}`;
    await api(acme.owner).createConnection(dev, { connection_id: "alerts", conn_type: "slack", webhook_url: url });
    await api(acme.owner).createConnection(dev, { connection_id: "not_slack", conn_type: "slack", webhook_url: "https://example.com/hook" });
    const options = { allowPrivateNetwork: false, timeoutMs: 3_000 };
    expect(await runConnectionTest(await inputFor("alerts"), options)).toMatchObject({ status: "ok", message: expect.stringMatching(/Nothing was posted/) });
    expect(await runConnectionTest(await inputFor("not_slack"), options)).toMatchObject({ status: "failed", hint: expect.stringMatching(/hooks.slack.com/) });
  });

  it("printed nothing that contains a password", () => {
    const all = printed.join("");
    expect(all).not.toContain(testDb.password);
    expect(all).not.toMatch(/PLANTED-pg-/);
    expect(all).not.toMatch(/PLANTED-wrongpw/);
  });
});
