// The connections and variables REST API: write-only secrets (never in a response, a row
// or an audit event), PATCH semantics, 400/422/409/404, roles, and Airflow's shapes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../../lib/server/authz";
import { db, closeDb } from "../../../lib/server/db";
import { storeSecretsPorts } from "../../../lib/server/services/connections/store-secrets-ports";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";
import { api, capturePrinted, planted } from "./helpers";

let acme: Tenant;
let dev: string;
const printed = capturePrinted();
beforeAll(async () => {
  printed.start();
  acme = await makeTenant("Acme");
  dev = acme.environments.dev.id;
});
afterAll(async () => {
  printed.stop();
  await closeDb();
});

const reader = { dag_id: "d", run_id: "r", task_id: "t", try_number: 1 };
const portFor = (t: Tenant, env: "dev" | "stg" | "prd") =>
  storeSecretsPorts({ organizationId: t.organization.id, environmentId: t.environments[env].id, dagRun: { id: "00000000-0000-4000-8000-000000000001", dagId: "d", runId: "r" } });

/** Every stored trace of the environment: connection and variable rows, audit events. */
async function rawTraces(organizationId: string): Promise<string> {
  const rows = await Promise.all([
    db().$queryRaw`SELECT * FROM connection WHERE organization_id = ${organizationId}`,
    db().$queryRaw`SELECT * FROM variable WHERE organization_id = ${organizationId}`,
    db().$queryRaw`SELECT * FROM audit_event WHERE organization_id = ${organizationId}`,
  ]);
  return JSON.stringify(rows);
}

describe("connections API", () => {
  it("creates a connection, never returns its secrets, and keeps plaintext out of the database", async () => {
    const password = planted("pg");
    const created = await api(acme.owner).createConnection(dev, {
      connection_id: "warehouse",
      conn_type: "postgres",
      host: "db.example.com",
      port: 5432,
      login: "etl",
      password,
      schema: "analytics",
      extra: { application_name: "windsock", api_token: `${password}-extra` },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      connection_id: "warehouse",
      conn_type: "postgres",
      host: "db.example.com",
      port: 5432,
      login: "etl",
      schema: "analytics",
      extra: { application_name: "windsock" },
      secrets_set: ["password", "extra.api_token"],
    });
    expect(created.body.uri).toBe("postgres://etl@db.example.com:5432/analytics?application_name=windsock");

    const reads = [created, await api(acme.owner).getConnection(dev, "warehouse"), await api(acme.owner).listConnections(dev)];
    for (const r of reads) expect(r.text).not.toContain(password);
    expect(reads[2].body).toMatchObject({ total_entries: 1, connections: [{ connection_id: "warehouse", secrets_set: ["password", "extra.api_token"] }] });

    const traces = await rawTraces(acme.organization.id);
    expect(traces).toContain("warehouse");
    expect(traces).not.toContain(password);

    // The worker's port reads the real values back.
    const read = await portFor(acme, "dev").connections.getConnection("warehouse", reader);
    expect(read).toMatchObject({ password, extra: { application_name: "windsock", api_token: `${password}-extra` } });
  });

  it("PATCH: a secret left out is kept, null clears it, other fields change", async () => {
    const password = planted("keep");
    await api(acme.owner).createConnection(dev, { connection_id: "api1", conn_type: "http", base_url: "https://api.example.com", auth_type: "bearer", token: password });
    const renamed = await api(acme.owner).patchConnection(dev, "api1", { description: "Billing API" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ description: "Billing API", secrets_set: ["token"] });
    expect(renamed.text).not.toContain(password);
    expect(await portFor(acme, "dev").connections.getConnection("api1", reader)).toMatchObject({ token: password, description: "Billing API" });

    const cleared = await api(acme.owner).patchConnection(dev, "api1", { auth_type: "none", token: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.secrets_set).toEqual([]);
    const after = await portFor(acme, "dev").connections.getConnection("api1", reader);
    expect(after.token).toBeUndefined();

    const events = await db().auditEvent.findMany({ where: { organizationId: acme.organization.id, action: "connection.update" }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.summary)).toEqual([
      expect.objectContaining({ changed: ["description"], secrets_changed: [] }),
      expect.objectContaining({ changed: ["auth_type"], secrets_changed: ["token"] }),
    ]);
    expect(JSON.stringify(events)).not.toContain(password);
  });

  it("answers 422 naming every problem, 400 for malformed JSON, 409 for a taken id", async () => {
    const bad = await api(acme.owner).createConnection(dev, { connection_id: "bad id!", conn_type: "postgres", port: 99999, colour: "blue" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("unprocessable");
    expect(Object.keys(bad.body.error.details).join(" ")).toMatch(/colour/);
    const twoProblems = await api(acme.owner).createConnection(dev, { connection_id: "bad id!", conn_type: "postgres", port: 99999 });
    expect(twoProblems.status).toBe(422);
    expect(twoProblems.body.error.details).toEqual({ connection_id: expect.stringMatching(/may contain only/), port: "must be 1-65535", host: "is required for a postgres connection" });
    const missingHost = await api(acme.owner).createConnection(dev, { connection_id: "nohost", conn_type: "postgres" });
    expect(missingHost.body.error.details).toEqual({ host: expect.stringMatching(/required/) });

    const malformed = await api(acme.owner).createConnection(dev, "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("bad_request");

    await api(acme.owner).createConnection(dev, { connection_id: "dup", conn_type: "generic" });
    const again = await api(acme.owner).createConnection(dev, { connection_id: "dup", conn_type: "generic" });
    expect(again.status).toBe(409);
  });

  it("imports an Airflow URI and exports it without the password", async () => {
    const password = planted("uri");
    const imported = await api(acme.owner).createConnection(dev, { connection_id: "from_uri", uri: `postgres://loader:${password}@pg.internal:6432/sales?sslmode=require` });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ host: "pg.internal", port: 6432, login: "loader", schema: "sales", sslmode: "require", secrets_set: ["password"] });
    expect(imported.body.uri).toBe("postgres://loader@pg.internal:6432/sales?sslmode=require");
    expect(imported.text).not.toContain(password);
    expect(await portFor(acme, "dev").connections.getConnection("from_uri", reader)).toMatchObject({ password });

    const broken = await api(acme.owner).createConnection(dev, { connection_id: "broken", uri: "not a uri" });
    expect(broken.status).toBe(422);
    expect(broken.body.error.details.uri).toBeTruthy();
  });

  it("lets a viewer read (seeing which secrets are set) but not write", async () => {
    const password = planted("viewer");
    await api(acme.owner).createConnection(dev, { connection_id: "seen", conn_type: "mysql", host: "mysql.example.com", login: "u", password });
    const viewer = await makeMember(acme, "viewer", { environmentId: dev });
    const read = await api(viewer).getConnection(dev, "seen");
    expect(read.status).toBe(200);
    expect(read.body.secrets_set).toEqual(["password"]);
    expect(read.text).not.toContain(password);
    expect((await api(viewer).patchConnection(dev, "seen", { host: "x.example.com" })).status).toBe(403);
    expect((await api(viewer).deleteConnection(dev, "seen")).status).toBe(403);
    expect((await api(viewer).createConnection(dev, { connection_id: "nope", conn_type: "generic" })).status).toBe(403);
  });

  it("answers 404 for another environment's or tenant's connection, and deletes", async () => {
    const other = await makeTenant("Globex");
    await api(other.owner).createConnection(other.environments.dev.id, { connection_id: "theirs", conn_type: "generic", password: planted("x") });
    await api(acme.owner).createConnection(acme.environments.stg.id, { connection_id: "in_stg", conn_type: "generic" });

    expect((await api(acme.owner).getConnection(dev, "theirs")).status).toBe(404);
    expect((await api(acme.owner).getConnection(other.environments.dev.id, "theirs")).status).toBe(404);
    expect((await api(acme.owner).patchConnection(other.environments.dev.id, "theirs", { description: "x" })).status).toBe(404);
    expect((await api(acme.owner).deleteConnection(other.environments.dev.id, "theirs")).status).toBe(404);
    expect((await api(acme.owner).getConnection(dev, "in_stg")).status).toBe(404);
    expect((await api(acme.owner).deleteConnection(dev, "in_stg")).status).toBe(404);
    await expect(portFor(acme, "dev").connections.getConnection("in_stg", reader)).rejects.toThrow(/not defined/);

    expect((await api(acme.owner).deleteConnection(acme.environments.stg.id, "in_stg")).status).toBe(204);
    expect((await api(acme.owner).getConnection(acme.environments.stg.id, "in_stg")).status).toBe(404);
    expect((await api(other.owner).getConnection(other.environments.dev.id, "theirs")).status).toBe(200);
  });
});

describe("variables API", () => {
  it("masks a secret variable's value as Airflow does, and never returns it", async () => {
    const value = planted("var");
    const created = await api(acme.owner).createVariable(dev, { key: "stripe_api_key", value, description: "Live key" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: "stripe_api_key", value: "***", description: "Live key", is_secret: true, secrets_set: ["value"] });
    await api(acme.owner).createVariable(dev, { key: "region", value: "eu-central-1" });
    const list = await api(acme.owner).listVariables(dev);
    expect(list.body.total_entries).toBe(2);
    expect(list.body.variables.map((v: { key: string; value: string }) => [v.key, v.value])).toEqual([
      ["region", "eu-central-1"],
      ["stripe_api_key", "***"],
    ]);
    for (const r of [created, list, await api(acme.owner).getVariable(dev, "stripe_api_key")]) expect(r.text).not.toContain(value);
    expect(await rawTraces(acme.organization.id)).not.toContain(value);
    expect(await portFor(acme, "dev").variables.getVariable("stripe_api_key", reader)).toEqual({ value, secret: true });

    // PATCH without value keeps it; sending back the mask is refused; JSON values are stored as JSON text.
    expect((await api(acme.owner).patchVariable(dev, "stripe_api_key", { description: null })).body).toMatchObject({ description: null, is_secret: true });
    expect(await portFor(acme, "dev").variables.getVariable("stripe_api_key", reader)).toEqual({ value, secret: true });
    const mask = await api(acme.owner).patchVariable(dev, "stripe_api_key", { value: "***" });
    expect(mask.status).toBe(422);
    expect(mask.body.error.details.value).toMatch(/mask/);
    const json = await api(acme.owner).patchVariable(dev, "region", { value: { primary: "eu-central-1" } });
    expect(json.body.value).toBe('{"primary":"eu-central-1"}');

    // Plain -> secret without resending the value seals the stored one; secret -> plain needs the value.
    await api(acme.owner).createVariable(dev, { key: "webhook_path", value: "/hooks/abc-123456" });
    expect((await api(acme.owner).patchVariable(dev, "webhook_path", { is_secret: true })).body).toMatchObject({ value: "***", is_secret: true });
    const [raw] = await db().$queryRaw<{ value: string | null; sealed_value: string | null }[]>`SELECT value, sealed_value FROM variable WHERE environment_id = ${dev} AND key = 'webhook_path'`;
    expect(raw.value).toBeNull();
    expect(raw.sealed_value).toMatch(/^v1\.k1\./);
    expect(await portFor(acme, "dev").variables.getVariable("webhook_path", reader)).toEqual({ value: "/hooks/abc-123456", secret: true });
    const toPlain = await api(acme.owner).patchVariable(dev, "webhook_path", { is_secret: false });
    expect(toPlain.status).toBe(422);
    expect(toPlain.body.error.details.value).toMatch(/send its value again/);
  });

  it("validates, answers 404 across environments, and deletes", async () => {
    const bad = await api(acme.owner).createVariable(dev, { key: "has space", colour: 1 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details).sort()).toEqual(["colour", "key", "value"]);
    expect((await api(acme.owner).createVariable(dev, { key: "my_password", value: "x", is_secret: false })).status).toBe(422);
    await api(acme.owner).createVariable(acme.environments.prd.id, { key: "only_prd", value: "1" });
    expect((await api(acme.owner).getVariable(dev, "only_prd")).status).toBe(404);
    expect(await portFor(acme, "dev").variables.getVariable("only_prd", reader)).toBeUndefined();
    const viewer = await makeMember(acme, "viewer");
    expect((await api(viewer).getVariable(acme.environments.prd.id, "only_prd")).status).toBe(200);
    expect((await api(viewer).deleteVariable(acme.environments.prd.id, "only_prd")).status).toBe(403);
    expect((await api(acme.owner).deleteVariable(acme.environments.prd.id, "only_prd")).status).toBe(204);
    expect((await api(acme.owner).deleteVariable(acme.environments.prd.id, "only_prd")).status).toBe(404);
  });
});

describe("worker secrets port", () => {
  it("audits every read as the DagRun, without the value", async () => {
    const password = planted("audit");
    await api(acme.owner).createConnection(dev, { connection_id: "audited", conn_type: "generic", host: "h.example.com", password });
    const dagRunId = "00000000-0000-4000-8000-0000000000aa";
    const port = storeSecretsPorts({ organizationId: acme.organization.id, environmentId: dev, dagRun: { id: dagRunId, dagId: "etl", runId: "manual__1" } });
    await port.connections.getConnection("audited", { dag_id: "etl", run_id: "manual__1", task_id: "load", try_number: 2 });
    const events = await db().auditEvent.findMany({ where: { organizationId: acme.organization.id, principalId: dagRunId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "connection.decrypt",
      principalType: "dag_run",
      principalName: "etl/manual__1",
      environmentId: dev,
      summary: expect.objectContaining({ purpose: "task", connection_id: "audited", task_id: "load", try_number: 2 }),
    });
    expect(JSON.stringify(events)).not.toContain(password);
  });
});

describe("API tokens", () => {
  const token = (role: "viewer" | "editor", environment: "dev" | "stg"): Principal => ({
    kind: "token",
    tokenId: randomUUID(),
    name: `ci-${role}`,
    organizationId: acme.organization.id,
    workspaceId: acme.workspace.id,
    environmentId: acme.environments[environment].id,
    role,
  });

  it("an editor token writes in its own environment only; a viewer token reads", async () => {
    const password = planted("token");
    const editor = token("editor", "dev");
    const created = await api(editor).createConnection(dev, { connection_id: "by_token", conn_type: "generic", host: "h.example.com", password });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(password);
    expect((await api(editor).getConnection(acme.environments.stg.id, "by_token")).status).toBe(404);
    expect((await api(editor).createConnection(acme.environments.stg.id, { connection_id: "x", conn_type: "generic" })).status).toBe(404);
    const viewer = token("viewer", "dev");
    const read = await api(viewer).getConnection(dev, "by_token");
    expect(read.status).toBe(200);
    expect(read.body.secrets_set).toEqual(["password"]);
    expect((await api(viewer).patchConnection(dev, "by_token", { password: null })).status).toBe(403);
    const events = await db().auditEvent.findMany({ where: { organizationId: acme.organization.id, action: "connection.create", principalType: "token" } });
    expect(events).toHaveLength(1);
    expect(events[0].principalName).toBe("ci-editor");
  });
});

describe("lists", () => {
  it("page with limit and offset in id order, and name bad parameters", async () => {
    const t = await makeTenant("Pages");
    const env = t.environments.dev.id;
    for (const id of ["c3", "a1", "b2"]) await api(t.owner).createConnection(env, { connection_id: id, conn_type: "generic" });
    const page = await api(t.owner).listConnections(env, "?limit=2&offset=1");
    expect(page.body.total_entries).toBe(3);
    expect(page.body.connections.map((c: { connection_id: string }) => c.connection_id)).toEqual(["b2", "c3"]);
    const bad = await api(t.owner).listConnections(env, "?limit=0&offset=-1");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details).sort()).toEqual(["limit", "offset"]);
  });
});

describe("logs", () => {
  it("nothing the process printed while these tests ran holds a planted secret", () => {
    expect(printed.text()).not.toMatch(/PLANTED-/);
  });
});
