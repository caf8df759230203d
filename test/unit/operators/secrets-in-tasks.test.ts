// Connections and variables reach tasks through the secrets ports (issue 8): templates read
// `conn.<id>` / `var.value.<key>`, scripts `await ctx.conn(id)` / `await ctx.var(key)`, and
// every secret value is masked in the try's log, its error and its shown return value.
import { describe, expect, it } from "vitest";
import { environmentSecretsPorts } from "../../../lib/operators/secrets/env-secrets";
import { runDag } from "./run-helpers";

const secrets = environmentSecretsPorts({
  WINDSOCK_VAR_REGION: "eu-central-1",
  WINDSOCK_VAR_SETTINGS: '{"batch": 50}',
  WINDSOCK_VAR_API_KEY: "sk-live-0123456789",
  WINDSOCK_CONN_WAREHOUSE: "postgres://loader:hunter2-secret@db.example.com:5432/analytics",
});

describe("secrets in tasks", () => {
  it("renders var and conn references in templates", async () => {
    const r = await runDag(
      `
dag_id: s
tasks:
  - task_id: t
    operator: script
    args:
      region: "{{ var.value.region }}"
      batch: "{{ var.json.settings.batch }}"
      host: "{{ conn.warehouse.host }}:{{ conn.warehouse.port }}/{{ conn.warehouse.schema }}"
      optional: "{{ var.value.get('missing', 'fallback') }}"
    code: "export default (ctx) => ctx.args"
`,
      { secrets },
    );
    expect(r.tasks.t.return_value).toEqual({ region: "eu-central-1", batch: "50", host: "db.example.com:5432/analytics", optional: "fallback" });
  });

  it("fails with a clear message when a template names a variable that does not exist", async () => {
    const r = await runDag(`
dag_id: s
tasks:
  - { task_id: t, operator: script, args: { x: "{{ var.value.nope }}" }, code: "export default () => 1" }
`, { secrets });
    expect(r.tasks.t.state).toBe("failed");
    expect(r.tasks.t.error).toMatch(/the variable 'nope' does not exist/);
  });

  it("gives scripts ctx.var and ctx.conn, masking secret values in logs and the shown return value", async () => {
    const r = await runDag(
      `
dag_id: s
tasks:
  - task_id: t
    operator: script
    code: |
      export default async (ctx) => {
        const key = await ctx.var("api_key");
        const db = await ctx.conn("warehouse");
        ctx.log.info("using key " + key + " and password " + db.password);
        return { key, login: db.login, region: await ctx.var("region"), missing: await ctx.var("nope", "dflt") };
      };
`,
      { secrets },
    );
    expect(r.tasks.t.state).toBe("success");
    expect(r.tasks.t.return_value).toEqual({ key: "***", login: "loader", region: "eu-central-1", missing: "dflt" });
    const logLine = r.h.logs.find((l) => l.includes("using key"))!;
    expect(logLine).toBe("t#1 info using key *** and password ***");
    expect(r.h.logs.join("\n")).not.toMatch(/sk-live|hunter2/);
    // The stored XCom keeps the real value for downstream tasks.
    expect(await r.h.xcom.get({ dag_id: "s", run_id: r.run.run_id, task_id: "t", key: "return_value" })).toContain("sk-live-0123456789");
  });

  it("masks a secret in an error message", async () => {
    const r = await runDag(
      `
dag_id: s
tasks:
  - { task_id: t, operator: script, code: "export default async (ctx) => { throw new Error('bad password ' + (await ctx.conn('warehouse')).password) }" }
`,
      { secrets },
    );
    expect(r.tasks.t.error).toBe("bad password ***");
  });

  it("explains that secrets are not available when no ports are given", async () => {
    const r = await runDag(`
dag_id: s
tasks:
  - { task_id: t, operator: script, code: "export default async (ctx) => ctx.var('region')" }
`);
    expect(r.tasks.t.error).toMatch(/variables are not available to this task/);
  });
});
