import { describe, expect, it } from "vitest";
import type { Connection } from "../../../lib/domain/connections";
import {
  ConnectionNotFoundError,
  environmentNamesFor,
  environmentSecretsPorts,
  findSecretReferences,
  resolveTemplateSecrets,
  SecretConfigError,
  SecretMasker,
  TaskSecrets,
  VariableNotFoundError,
  type SecretsPorts,
} from "../../../lib/operators/secrets";
import { renderFields } from "../../../lib/operators/templating/render-fields";
import { buildTemplateContext } from "../../../lib/operators/templating/template-context";

const reader = { dag_id: "d", run_id: "manual__1", task_id: "t", try_number: 1 };
const PASSWORD = "pa:ss/w@rd-42";

const env = {
  WINDSOCK_CONN_MY_DB: `postgres://etl:${encodeURIComponent(PASSWORD)}@db.internal:5432/analytics?sslmode=require`,
  WINDSOCK_CONN_API: JSON.stringify({ conn_type: "http", host: "https://api.example.com", extra: { auth_type: "bearer", token: "tok-0123456789" } }),
  WINDSOCK_CONN_SLACK_ALERTS: "slack://:https%3A%2F%2Fhooks.slack.com%2Fservices%2FT0%2FB0%2FXYZ123@",
  WINDSOCK_CONN_BROKEN: "postgres://u:secret-in-broken@h:notaport/db",
  WINDSOCK_VAR_REGION: "eu-central-1",
  WINDSOCK_VAR_SETTINGS: JSON.stringify({ limit: 10, nested: { field: "value-x" } }),
  WINDSOCK_VAR_API_TOKEN: "var-token-abcdef",
  WINDSOCK_VAR_CONFIG_SECRET: JSON.stringify({ user: "svc-user-1", pw: "svc-pass-1" }),
};

function setup(ports: SecretsPorts = environmentSecretsPorts(env)) {
  const masker = new SecretMasker();
  return { masker, secrets: new TaskSecrets(ports, masker, reader) };
}

describe("environment variables for `windsock dags test`", () => {
  it("reads WINDSOCK_CONN_<ID> as an Airflow URI and gives Airflow's attributes", async () => {
    const { secrets } = setup();
    const c = await secrets.connection("my_db");
    expect(c).toMatchObject({ conn_id: "my_db", conn_type: "postgres", host: "db.internal", port: 5432, login: "etl", password: PASSWORD, schema: "analytics", extra_dejson: { sslmode: "require" }, sslmode: "require" });
  });

  it("reads Airflow's JSON form too", async () => {
    const { secrets } = setup();
    expect(await secrets.connection("api")).toMatchObject({ conn_type: "http", base_url: "https://api.example.com", auth_type: "bearer", token: "tok-0123456789" });
  });

  it("finds ids with - or . under the name a shell can export", async () => {
    expect(environmentNamesFor("WINDSOCK_CONN_", "slack-alerts")).toEqual(["WINDSOCK_CONN_SLACK-ALERTS", "WINDSOCK_CONN_SLACK_ALERTS"]);
    const { secrets } = setup();
    expect((await secrets.connection("slack-alerts")).webhook_url).toBe("https://hooks.slack.com/services/T0/B0/XYZ123");
  });

  it("a missing connection says which variable to set", async () => {
    const { secrets } = setup();
    await expect(secrets.connection("nope")).rejects.toThrow(ConnectionNotFoundError);
    await expect(secrets.connection("nope")).rejects.toThrow(/set WINDSOCK_CONN_NOPE to an Airflow connection URI/);
  });

  it("a malformed one names the variable and the problem, never the value", async () => {
    const { secrets } = setup();
    const error = await secrets.connection("broken").catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(SecretConfigError);
    expect(error.message).toMatch(/^WINDSOCK_CONN_BROKEN is not a valid connection: .*port is not a number/);
    expect(error.message).not.toContain("secret-in-broken");
  });

  it("reads WINDSOCK_VAR_<KEY> as text or JSON; a missing one is an error unless a default is given", async () => {
    const { secrets } = setup();
    expect(await secrets.variable("region")).toBe("eu-central-1");
    expect(await secrets.jsonVariable("settings")).toEqual({ limit: 10, nested: { field: "value-x" } });
    await expect(secrets.variable("missing")).rejects.toThrow(VariableNotFoundError);
    expect(await secrets.variable("missing", { default: "d" })).toBe("d");
    await expect(secrets.jsonVariable("region")).rejects.toThrow(/not valid JSON, so var\.json\.region cannot read it/);
  });
});

describe("every value handed to a task is masked from then on", () => {
  it("connection secrets in every encoding, but not their harmless fields", async () => {
    const { masker, secrets } = setup();
    await secrets.connection("my_db");
    await secrets.connection("api");
    const line = `login=etl host=db.internal pw=${PASSWORD} url=${encodeURIComponent(PASSWORD)} b64=${Buffer.from(PASSWORD).toString("base64")} auth=Bearer tok-0123456789`;
    expect(masker.redact(line)).toBe("login=etl host=db.internal pw=*** url=*** b64=*** auth=Bearer ***");
  });

  it("variables only when their key looks secret (or they are flagged secret), including JSON leaves", async () => {
    const { masker, secrets } = setup();
    await secrets.variable("region");
    await secrets.variable("api_token");
    await secrets.jsonVariable("config_secret");
    expect(masker.redact("eu-central-1 var-token-abcdef svc-user-1 svc-pass-1")).toBe("eu-central-1 *** *** ***");
  });

  it("a variable flagged secret in the store is masked whatever its key", async () => {
    const ports: SecretsPorts = {
      connections: { getConnection: async (id) => Promise.reject(new ConnectionNotFoundError(id)) },
      variables: { getVariable: async () => ({ value: "flagged-value-1", secret: true }) },
    };
    const { masker, secrets } = setup(ports);
    await secrets.variable("plain_name");
    expect(masker.redact("flagged-value-1")).toBe("***");
  });

  it("reads each object once per try (one audit event), whatever the number of uses", async () => {
    const reads: string[] = [];
    const conn: Connection = { connection_id: "x", conn_type: "generic", host: "h", password: "pw-123456" };
    const ports: SecretsPorts = {
      connections: { getConnection: async (id, who) => (reads.push(`conn:${id}:${who.task_id}`), conn) },
      variables: { getVariable: async (key) => (reads.push(`var:${key}`), { value: "v", secret: false }) },
    };
    const { secrets } = setup(ports);
    await Promise.all([secrets.connection("x"), secrets.connection("x"), secrets.variable("k"), secrets.jsonVariable("k").catch(() => null)]);
    expect(reads).toEqual(["conn:x:t", "var:k"]);
  });
});

describe("templates read only what they name", () => {
  it("finds conn.<id>, var.value.<key>, var.json.<key> and their other spellings", () => {
    const refs = findSecretReferences({
      endpoint: "{{ conn.my_db.host }}:{{ conn['api'].port }}",
      headers: { a: "{{ var.value.region }} {{ var.json.settings.nested.field }}", b: ["{{ var.value.get('maybe', 'x') }}", '{{ conn.get("other") }}'] },
      plain: "conn.not_a_template",
    });
    expect(refs.connections.sort()).toEqual(["api", "my_db", "other"]);
    expect(refs.values.sort()).toEqual(["maybe", "region"]);
    expect(refs.jsons).toEqual(["settings"]);
    expect(refs.optional.sort()).toEqual(["conn:other", "var.value:maybe"]);
  });

  it("renders {{ conn.my_db.host }}, {{ var.value.key }} and {{ var.json.key.field }} in the sandbox, and the rendered secret is masked", async () => {
    const { masker, secrets } = setup();
    const fields = {
      endpoint: "https://{{ conn.my_db.host }}/{{ var.value.region }}/{{ var.json.settings.nested.field }}",
      data: { dsn: "{{ conn.my_db.login }}:{{ conn.my_db.password }}", optional: "{{ var.value.get('missing', 'fallback') }}" },
    };
    const resolved = await resolveTemplateSecrets(fields, secrets);
    const context = { ...buildTemplateContext({ dag_id: "d", task_id: "t", run_id: "r", run_type: "manual", logical_date: null, data_interval_start: null, data_interval_end: null, conf: {}, params: {}, try_number: 1 }), ...resolved };
    const rendered = await renderFields(fields, context);
    expect(rendered).toEqual({ endpoint: "https://db.internal/eu-central-1/value-x", data: { dsn: `etl:${PASSWORD}`, optional: "fallback" } });
    expect(masker.redactValue(rendered)).toEqual({ endpoint: "https://db.internal/eu-central-1/value-x", data: { dsn: "etl:***", optional: "fallback" } });
  });

  it("a template naming a connection that does not exist fails with its name", async () => {
    const { secrets } = setup();
    await expect(resolveTemplateSecrets({ x: "{{ conn.ghost.host }}" }, secrets)).rejects.toThrow(/the connection 'ghost' is not defined/);
    await expect(resolveTemplateSecrets({ x: "{{ var.value.ghost }}" }, secrets)).rejects.toThrow(/the variable 'ghost' does not exist/);
  });
});
