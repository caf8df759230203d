import { describe, expect, it } from "vitest";
import {
  formatConnectionUri,
  connectionIdProblem,
  CONN_TYPES,
  exportConnectionUri,
  importConnectionUri,
  parseConnection,
  secretEntries,
  secretFieldsOf,
  toAirflowFields,
  toTaskConnection,
  withoutSecrets,
  type Connection,
} from "../../../lib/domain/connections";

function valid(input: unknown): Connection {
  const r = parseConnection(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.connection;
}
function problems(input: unknown): Record<string, string> {
  const r = parseConnection(input);
  if (r.ok) throw new Error("expected problems");
  return Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
}

describe("connection_id", () => {
  it.each(["my_db", "MyDb", "_x", "aws.default", "slack-alerts", "a".repeat(250), "0db"])("accepts %s", (id) => {
    expect(connectionIdProblem(id)).toBeNull();
  });
  it.each([
    ["", /required/],
    ["a".repeat(251), /at most 250/],
    ["my db", /only letters, digits/],
    ["a/b", /only letters, digits/],
    ["-x", /must start/],
    [".x", /must start/],
    ["<script>", /only letters/],
    ["héllo", /only letters/],
  ])("rejects %j", (id, message) => {
    expect(connectionIdProblem(id)).toMatch(message);
  });
});

describe("typed connection forms", () => {
  it("every type has its secret fields listed, password-like fields among them", () => {
    expect(secretFieldsOf("http")).toEqual(["password", "token", "header_value"]);
    expect(secretFieldsOf("postgres")).toEqual(["password"]);
    expect(secretFieldsOf("mysql")).toEqual(["password"]);
    expect(secretFieldsOf("smtp")).toEqual(["password"]);
    expect(secretFieldsOf("slack")).toEqual(["webhook_url"]);
    expect(secretFieldsOf("aws")).toEqual(["aws_secret_access_key", "aws_session_token"]);
    expect(secretFieldsOf("gcp")).toEqual(["keyfile_dict"]);
    expect(secretFieldsOf("generic")).toEqual(["password"]);
    expect(CONN_TYPES).toHaveLength(8);
  });

  it("accepts a PostgreSQL connection with Airflow's field names and drops empty values", () => {
    const c = valid({ connection_id: "warehouse", conn_type: "postgres", description: "", host: "db.internal", port: 5432, login: "etl", password: "pw-123456", schema: "analytics", sslmode: "require", extra: {} });
    expect(c).toEqual({ connection_id: "warehouse", conn_type: "postgres", host: "db.internal", port: 5432, login: "etl", password: "pw-123456", schema: "analytics", sslmode: "require" });
  });

  it("names every problem at once, and how to fix it", () => {
    const p = problems({ connection_id: "bad id", conn_type: "postgres", port: 99999, sslmode: "sometimes", hostname: "x" });
    expect(Object.keys(p).sort()).toEqual(["connection_id", "host", "hostname", "port", "sslmode"]);
    expect(p.host).toBe("is required for a postgres connection");
    expect(p.hostname).toMatch(/not a field of a postgres connection \(its fields: .*host, port, login, password, schema, sslmode/);
    expect(p.port).toMatch(/1-65535/);
    expect(problems({ connection_id: "x", conn_type: "postgres" })).toEqual({ host: "is required for a postgres connection" });
    expect(problems({ connection_id: "x", conn_type: "ftp" }).conn_type).toMatch(/must be one of http, postgres, mysql, smtp, slack, aws, gcp, generic/);
    expect(problems("nope")[""]).toMatch(/JSON object/);
  });

  it("checks HTTP authentication as a whole", () => {
    const base = { connection_id: "api", conn_type: "http", base_url: "https://api.example.com/v1" };
    expect(valid(base).base_url).toBe("https://api.example.com/v1");
    expect(problems({ ...base, auth_type: "basic", login: "u" })).toEqual({ password: 'is required when auth_type is "basic"' });
    expect(problems({ ...base, auth_type: "bearer" })).toEqual({ token: 'is required when auth_type is "bearer"' });
    expect(Object.keys(problems({ ...base, auth_type: "header" }))).toEqual(["header_name", "header_value"]);
    expect(problems({ ...base, base_url: "ftp://x" }).base_url).toMatch(/http:\/\/ or https:\/\/ URL/);
    expect(problems({ ...base, auth_type: "bearer", token: "t", extra: { token: "again" } })).toEqual({ "extra.token": 'set "token" as its own field, not inside extra' });
  });

  it("validates the other types' typed fields", () => {
    expect(valid({ connection_id: "alerts", conn_type: "slack", webhook_url: "https://hooks.slack.com/services/T0/B0/XYZ" }).webhook_url).toMatch(/^https:/);
    expect(problems({ connection_id: "alerts", conn_type: "slack", webhook_url: "http://hooks.slack.com/x" }).webhook_url).toMatch(/https:\/\//);
    expect(problems({ connection_id: "aws", conn_type: "aws", region_name: "Frankfurt", role_arn: "role" })).toMatchObject({ region_name: expect.stringMatching(/eu-central-1/), role_arn: expect.stringMatching(/arn:aws:iam/) });
    expect(problems({ connection_id: "g", conn_type: "gcp", keyfile_dict: "[1]" }).keyfile_dict).toMatch(/JSON text of an object/);
    expect(problems({ connection_id: "m", conn_type: "smtp", host: "smtp.example.com", from_email: "nobody" }).from_email).toMatch(/email/);
    expect(valid({ connection_id: "any", conn_type: "generic", extra: { anything: [1, { a: 2 }] } }).extra).toEqual({ anything: [1, { a: 2 }] });
  });
});

describe("secrets are write-only", () => {
  const http = valid({ connection_id: "api", conn_type: "http", base_url: "https://api.example.com", auth_type: "bearer", token: "tok-SECRET-1", extra: { api_key: "key-SECRET-2", timeout: 5 } });

  it("a reader sees which secrets are set, never their values", () => {
    const { connection, secrets_set } = withoutSecrets(http);
    expect(secrets_set).toEqual(["token", "extra.api_key"]);
    expect(JSON.stringify(connection)).not.toMatch(/SECRET/);
    expect(connection).toEqual({ connection_id: "api", conn_type: "http", base_url: "https://api.example.com", auth_type: "bearer", extra: { timeout: 5 } });
    expect(secretEntries(http)).toEqual([["token", "tok-SECRET-1"], ["extra.api_key", "key-SECRET-2"]]);
  });

  it("exports an Airflow URI without secrets", () => {
    const pg = valid({ connection_id: "db", conn_type: "postgres", host: "db.example.com", port: 5432, login: "etl", password: "p@ss-SECRET", schema: "analytics", sslmode: "require" });
    expect(exportConnectionUri(pg)).toBe("postgres://etl@db.example.com:5432/analytics?sslmode=require");
    expect(exportConnectionUri(http)).toBe("http://https://api.example.com/?__extra__=%7B%22auth_type%22%3A+%22bearer%22%2C+%22timeout%22%3A+5%7D");
    expect(exportConnectionUri(http)).not.toMatch(/SECRET/);
    const aws = valid({ connection_id: "aws", conn_type: "aws", aws_access_key_id: "AKIAIOSFODNN7EXAMPLE", aws_secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region_name: "eu-central-1" });
    expect(exportConnectionUri(aws)).toBe("aws://AKIAIOSFODNN7EXAMPLE@/?region_name=eu-central-1");
  });
});

describe("Airflow URI import (examples from Airflow's docs and providers)", () => {
  it("imports the issue's example with its password", () => {
    const r = importConnectionUri("my_db", "postgres://user:pass@host:5432/db?param=x");
    expect(r).toEqual({ ok: true, connection: { connection_id: "my_db", conn_type: "postgres", host: "host", port: 5432, login: "user", password: "pass", schema: "db", extra: { param: "x" } } });
    const ok = importConnectionUri("my_db", "postgresql://user:pass@host:5432/db?sslmode=verify-full");
    expect(ok).toEqual({ ok: true, connection: { connection_id: "my_db", conn_type: "postgres", host: "host", port: 5432, login: "user", password: "pass", schema: "db", sslmode: "verify-full" } });
  });

  it("keeps unknown parameters of a generic connection in extra, typed as Airflow types them", () => {
    const r = importConnectionUri("x", "my-conn-type://my-login:my-password@my-host:5432/my-schema?param1=val1&param2=val2&n=3");
    expect(r).toEqual({
      ok: true,
      connection: { connection_id: "x", conn_type: "generic", host: "my-host", port: 5432, login: "my-login", password: "my-password", schema: "my-schema", extra: { param1: "val1", param2: "val2", n: 3 } },
    });
  });

  it("imports AWS keys (login/password) and region (extra) as typed fields", () => {
    const r = importConnectionUri("aws_default", "aws://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY@/?region_name=eu-central-1");
    expect(r.ok && r.connection).toEqual({ connection_id: "aws_default", conn_type: "aws", aws_access_key_id: "AKIAIOSFODNN7EXAMPLE", aws_secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region_name: "eu-central-1" });
  });

  it("imports Airflow HTTP connections the way HttpHook builds its base URL", () => {
    const withProtocol = importConnectionUri("api", "http://https://api.example.com%2Fv1");
    expect(withProtocol.ok && withProtocol.connection.base_url).toBe("https://api.example.com/v1");
    const withSchema = importConnectionUri("api", "http://u:p@api.example.com:8443/https?auth_type=basic");
    expect(withSchema.ok && withSchema.connection).toEqual({ connection_id: "api", conn_type: "http", base_url: "https://api.example.com:8443", auth_type: "basic", login: "u", password: "p" });
  });

  it("imports a Slack webhook given as host and token (Airflow's slackwebhook) or as a full URL", () => {
    const split = importConnectionUri("alerts", "slackwebhook://:T000%2FB000%2FXXXX@hooks.slack.com%2Fservices");
    expect(split.ok && split.connection.webhook_url).toBe("https://hooks.slack.com/services/T000/B000/XXXX");
    const full = importConnectionUri("alerts", "slack://:https%3A%2F%2Fhooks.slack.com%2Fservices%2FT0%2FB0%2FX@");
    expect(full.ok && full.connection.webhook_url).toBe("https://hooks.slack.com/services/T0/B0/X");
  });

  it("imports a Google Cloud connection with its key file from __extra__", () => {
    const key = JSON.stringify({ type: "service_account", private_key: "-----BEGIN PRIVATE KEY-----" });
    const uri = "google-cloud-platform://?__extra__=" + encodeURIComponent(JSON.stringify({ project: "my-project", keyfile_dict: key }));
    const r = importConnectionUri("gcp", uri);
    expect(r.ok && r.connection).toEqual({ connection_id: "gcp", conn_type: "gcp", project: "my-project", keyfile_dict: key });
  });

  it("says what it would drop instead of dropping it", () => {
    const r = importConnectionUri("alerts", "slack://user@hooks.slack.com:443/x");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["login", "port", "schema"]));
  });

  it("round-trips every type through Airflow's columns and URI format", () => {
    const samples: unknown[] = [
      { connection_id: "a", conn_type: "postgres", host: "h", port: 5432, login: "u", password: "p:w/d@#", schema: "my db", sslmode: "require" },
      { connection_id: "a", conn_type: "mysql", host: "h", port: 3306, login: "u", password: "pw", schema: "d" },
      { connection_id: "a", conn_type: "smtp", host: "smtp.example.com", port: 587, login: "u", password: "pw", from_email: "noreply@example.com", disable_tls: false },
      { connection_id: "a", conn_type: "aws", aws_access_key_id: "AKIA", aws_secret_access_key: "s/k", aws_session_token: "tok", region_name: "eu-west-1", role_arn: "arn:aws:iam::123456789012:role/etl" },
      { connection_id: "a", conn_type: "gcp", project: "my-project", keyfile_dict: '{"type": "service_account"}', scope: "https://www.googleapis.com/auth/cloud-platform" },
      { connection_id: "a", conn_type: "slack", webhook_url: "https://hooks.slack.com/services/T/B/X" },
      { connection_id: "a", conn_type: "http", base_url: "https://api.example.com/v1", auth_type: "header", header_name: "X-API-Key", header_value: "12345" },
      { connection_id: "a", conn_type: "http", base_url: "http://localhost:8080", auth_type: "bearer", token: "true" },
      { connection_id: "a", conn_type: "generic", host: "h", port: 1, login: "l", password: "p", schema: "s", extra: { nested: { a: [1, 2] }, flag: true } },
    ];
    for (const input of samples) {
      const c = valid(input);
      const uri = formatUri(c);
      const back = importConnectionUri("a", uri);
      expect(back, uri).toEqual({ ok: true, connection: c });
    }
  });

  it("gives tasks Airflow's connection attributes plus the typed fields", () => {
    const c = valid({ connection_id: "api", conn_type: "http", base_url: "https://api.example.com", auth_type: "bearer", token: "tok-123456" });
    expect(toTaskConnection(c)).toEqual({
      conn_id: "api", conn_type: "http", description: null, host: "https://api.example.com", port: null, login: null, password: null, schema: null,
      extra: '{"auth_type": "bearer", "token": "tok-123456"}', extra_dejson: { auth_type: "bearer", token: "tok-123456" },
      base_url: "https://api.example.com", auth_type: "bearer", token: "tok-123456", header_name: null, header_value: null,
    });
    expect(toAirflowFields(c).conn_type).toBe("http");
  });
});

const formatUri = (c: Connection) => formatConnectionUri(toAirflowFields(c));
