import { describe, expect, it } from "vitest";
import { applyConnectionPatch, parseConnection, parseVariable, variableWithoutSecret, withoutSecrets, type Connection } from "../../../lib/domain/connections";

const stored: Connection = {
  connection_id: "db",
  conn_type: "generic",
  host: "old-host",
  login: "etl",
  password: "stored-password",
  extra: { api_key: "stored-api-key", timeout: 5 },
};

function patched(patch: Record<string, unknown>): Connection {
  const r = applyConnectionPatch(stored, patch);
  if (!r.ok) throw new Error(r.message);
  const parsed = parseConnection(r.input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.connection;
}

describe("PATCH keeps secrets that are not re-entered", () => {
  it("a field left out keeps its value; a value replaces it; null clears it", () => {
    expect(patched({ host: "new-host" })).toEqual({ ...stored, host: "new-host" });
    expect(patched({ password: "new-password" }).password).toBe("new-password");
    expect(patched({ password: null })).not.toHaveProperty("password");
    expect(patched({ login: null })).not.toHaveProperty("login");
  });

  it("an empty secret from a form means 'not re-entered'", () => {
    expect(patched({ password: "" }).password).toBe("stored-password");
  });

  it("sending back the extra a reader saw (without its secret keys) keeps them", () => {
    const seen = withoutSecrets(stored).connection.extra!;
    expect(seen).toEqual({ timeout: 5 });
    expect(patched({ extra: { ...seen, timeout: 10 } }).extra).toEqual({ api_key: "stored-api-key", timeout: 10 });
    expect(patched({ extra: { api_key: null } }).extra).toEqual(undefined);
    expect(patched({ extra: { api_key: "rotated-key", retries: 2 } }).extra).toEqual({ api_key: "rotated-key", retries: 2 });
    expect(patched({ extra: null })).not.toHaveProperty("extra");
  });

  it("changing the type carries nothing over, secrets included", () => {
    const r = applyConnectionPatch(stored, { conn_type: "postgres", host: "pg" });
    expect(r).toEqual({ ok: true, input: { connection_id: "db", conn_type: "postgres", host: "pg" } });
  });

  it("the connection_id is the path, not a field to change", () => {
    expect(applyConnectionPatch(stored, { connection_id: "other" })).toMatchObject({ ok: false, path: "connection_id" });
  });
});

describe("variables", () => {
  it("are secret when the key looks secret, as Airflow hides them, whatever the request says", () => {
    const r = parseVariable({ key: "stripe_api_key", value: "sk_live_123", secret: false });
    expect(r).toEqual({ ok: true, variable: { key: "stripe_api_key", value: "sk_live_123", secret: true } });
    expect(parseVariable({ key: "region", value: "eu" })).toEqual({ ok: true, variable: { key: "region", value: "eu", secret: false } });
    expect(parseVariable({ key: "region", value: "eu", secret: true })).toMatchObject({ variable: { secret: true } });
  });

  it("accept JSON values and store their JSON text", () => {
    expect(parseVariable({ key: "settings", value: { limit: 10 }, description: "d" })).toEqual({ ok: true, variable: { key: "settings", value: '{"limit":10}', description: "d", secret: false } });
  });

  it("name every problem", () => {
    const r = parseVariable({ key: "my key", other: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path).sort()).toEqual(["key", "other", "value"]);
  });

  it("a secret variable's value is write-only", () => {
    expect(variableWithoutSecret({ key: "token", value: "abc", secret: true })).toEqual({ key: "token", secret: true, value_set: true });
    expect(variableWithoutSecret({ key: "region", value: "eu", secret: false })).toEqual({ key: "region", value: "eu", secret: false, value_set: true });
  });
});
