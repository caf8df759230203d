// The OpenAPI document describes what the API really answers: a tenant's DAG is deployed,
// triggered, cleared and marked, and its connections, variables, pools, webhooks (with a
// signed delivery) and people are worked on over the real route handlers; every answer's
// status must be listed for its path and method and its body must fit the schema there.
// A client generated from /api/v1/openapi.json would otherwise fail on a real answer.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAsPrincipal, type Principal } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { openApiDocument } from "../../../lib/server/openapi/openapi-document";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { dagYaml } from "../../factories/dags";
import { deliver } from "../../factories/webhooks";
import { ROOT } from "../../support/entry-points";
import { answerProblems, requestProblems } from "../../support/openapi-answers";
import { mintToken } from "../../factories/api-tokens";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let tenant: Tenant;
const problems: string[] = [];
const seen: string[] = [];

/** /api/v1/environments/{env}/dags → app/api/v1/environments/[env]/dags/route.ts */
const routeFile = (template: string) => path.join(ROOT, "app", template.replace(/^\//, "").replace(/\{([^}]+)\}/g, "[$1]"), "route.ts");

async function call(
  method: string,
  template: string,
  params: Record<string, string>,
  /** As the tenant's owner (a session) unless `as` is another principal or an API token's secret. */
  init: { body?: unknown; contentType?: string; query?: string; as?: Principal | { token: string } } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON a route answers
): Promise<{ status: number; body: any }> {
  const mod = (await import(routeFile(template))) as Record<string, Handler>;
  const handler = mod[method];
  if (!handler) throw new Error(`${routeFile(template)} exports no ${method}`);
  const url = `http://app.test${template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name]!))}${init.query ?? ""}`;
  const headers: Record<string, string> = { host: "app.test", origin: "http://app.test", "content-type": init.contentType ?? "application/json" };
  const who = init.as ?? tenant.owner;
  if ("token" in who) headers.authorization = `Bearer ${who.token}`;
  const body = init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  const send = () => handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  const response = "kind" in who ? await runAsPrincipal(who, send) : await send();
  const text = await response.text();
  let parsed: unknown = text === "" ? null : text;
  if ((response.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
  problems.push(...answerProblems(method, template, response.status, parsed));
  // A body the route accepted must fit the document's request schema too.
  if (response.ok && init.body !== undefined && init.contentType === undefined) problems.push(...requestProblems(method, template, init.body).map((p) => `request ${p}`));
  seen.push(`${method} ${template} ${response.status}`);
  return { status: response.status, body: parsed };
}

beforeAll(async () => {
  tenant = await makeTenant("OpenAPI");
});
afterAll(async () => {
  await closeTemporalClient();
  await closeDb();
});

/** Operations this test cannot drive without a worker, and why. */
const NOT_EXERCISED = new Set([
  "POST /api/v1/environments/{env}/connections/{connection_id}/test", // a worker probes the connection
]);

const ENV = "/api/v1/environments/{env}";
const ORG = "/api/v1/organizations/{org}";

describe("the OpenAPI document against real answers", () => {
  it("describes the DAG, run, connection, variable, pool, webhook and people answers", async () => {
    const env = tenant.environments.dev.id;
    const dag = { env, dag_id: "openapi_check" };

    // DAGs and versions
    expect((await call("POST", `${ENV}/dags`, { env }, { body: dagYaml("openapi_check", { paused: false }), contentType: "application/yaml" })).status).toBe(201);
    await call("POST", `${ENV}/dags`, { env }, { body: dagYaml("openapi_check", { paused: false }), contentType: "application/yaml", query: "?dry_run=true" });
    await call("POST", `${ENV}/dags`, { env }, { body: "dag_id: [", contentType: "application/yaml" });
    expect((await call("POST", `${ENV}/dags`, { env }, { body: "dag_id: x", contentType: "text/plain" })).status).toBe(415);
    await call("GET", `${ENV}/dags`, { env }, { query: "?limit=5" });
    await call("GET", `${ENV}/dags/{dag_id}`, dag);
    await call("GET", `${ENV}/dags/{dag_id}`, { env, dag_id: "no_such_dag" });
    await call("PATCH", `${ENV}/dags/{dag_id}`, dag, { body: { is_paused: true } });
    await call("PATCH", `${ENV}/dags/{dag_id}`, dag, { body: "{not json" });
    await call("GET", `${ENV}/dags/{dag_id}/versions`, dag);
    await call("GET", `${ENV}/dags/{dag_id}/versions/{version}`, { ...dag, version: "1" });
    await call("POST", `${ENV}/dags/{dag_id}/promote`, dag, { body: { from_environment: tenant.environments.stg.id } });
    await call("POST", `${ENV}/dags`, { env: tenant.environments.stg.id }, { body: dagYaml("openapi_check", { description: "staged" }), contentType: "application/yaml" });
    expect((await call("POST", `${ENV}/dags/{dag_id}/promote`, dag, { body: { from_environment: tenant.environments.stg.id } })).status).toBe(201);

    // Runs, task instances, clear and mark
    const run = await call("POST", `${ENV}/dags/{dag_id}/dagRuns`, dag, { body: { dag_run_id: "openapi_run", conf: {} } });
    expect(run.status).toBe(201);
    await call("POST", `${ENV}/dags/{dag_id}/dagRuns`, dag, { body: { dag_run_id: "openapi_run" } });
    await call("POST", `${ENV}/dags/{dag_id}/dagRuns`, dag, { body: { color: "red" } });
    const r = { ...dag, dag_run_id: "openapi_run" };
    await call("GET", `${ENV}/dags/{dag_id}/dagRuns`, dag);
    await call("GET", `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}`, r);
    await call("GET", `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances`, r);
    await call("POST", `${ENV}/dags/{dag_id}/clearTaskInstances`, dag, { body: { task_ids: ["extract"], dry_run: true } });
    await call("PATCH", `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}`, { ...r, task_id: "extract" }, { body: { new_state: "success" } });
    await call("GET", `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{key}`, { ...r, task_id: "extract", key: "return_value" });
    await call("GET", `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}`, { ...r, task_id: "extract", try_number: "1" });
    // A try that ran: its log and its XCom, as the worker writes them.
    const runRow = await db().dagRun.findFirstOrThrow({ where: { environmentId: env, dagId: dag.dag_id, runId: r.dag_run_id } });
    const tryRow = await db().taskTry.create({ data: { dagRunId: runRow.id, taskId: "extract", tryNumber: 1, state: "success", activityKind: "regular", startDate: new Date(), endDate: new Date() } });
    await db().taskLogChunk.create({ data: { tryId: tryRow.id, seq: 0, text: "[2026-12-06T10:00:00.000Z] {extract} INFO - done\n" } });
    await db().xCom.create({ data: { dagRunId: runRow.id, taskId: "extract", key: "return_value", value: { rows: 3 }, sizeBytes: 10 } });
    expect((await call("GET", `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{key}`, { ...r, task_id: "extract", key: "return_value" })).status).toBe(200);
    const log = await call("GET", `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}`, { ...r, task_id: "extract", try_number: "1" });
    expect(log).toMatchObject({ status: 200, body: expect.stringContaining("done") });
    await call("PATCH", `${ENV}/dags/{dag_id}/dagRuns/{dag_run_id}`, r, { body: { state: "failed" } });

    // Connections
    await call("POST", `${ENV}/connections`, { env }, { body: { connection_id: "api_http", conn_type: "http", base_url: "https://api.example.com", auth_type: "bearer", token: "s3cret" } });
    await call("POST", `${ENV}/connections`, { env }, { body: { connection_id: "api_pg", uri: "postgres://u:p@db.example.com:5432/app" } });
    await call("POST", `${ENV}/connections`, { env }, { body: { connection_id: "api_http", conn_type: "http", base_url: "https://api.example.com" } });
    await call("GET", `${ENV}/connections`, { env });
    await call("GET", `${ENV}/connections/{connection_id}`, { env, connection_id: "api_http" });
    await call("PATCH", `${ENV}/connections/{connection_id}`, { env, connection_id: "api_http" }, { body: { description: "the API" } });
    await call("DELETE", `${ENV}/connections/{connection_id}`, { env, connection_id: "api_pg" });

    // Variables
    await call("POST", `${ENV}/variables`, { env }, { body: { key: "region", value: "eu", description: "where" } });
    await call("POST", `${ENV}/variables`, { env }, { body: { key: "api_token", value: "t0k3n", is_secret: true } });
    await call("POST", `${ENV}/variables`, { env }, { body: { key: "", value: 1 } });
    await call("GET", `${ENV}/variables`, { env });
    await call("GET", `${ENV}/variables/{key}`, { env, key: "api_token" });
    await call("PATCH", `${ENV}/variables/{key}`, { env, key: "region" }, { body: { key: "region", description: null } });
    await call("DELETE", `${ENV}/variables/{key}`, { env, key: "region" });

    // Pools
    await call("POST", `${ENV}/pools`, { env }, { body: { name: "warehouse", slots: 4 } });
    await call("POST", `${ENV}/pools`, { env }, { body: { name: "warehouse", slots: 4 } });
    await call("GET", `${ENV}/pools`, { env });
    await call("GET", `${ENV}/pools/{pool_name}`, { env, pool_name: "default_pool" });
    await call("PATCH", `${ENV}/pools/{pool_name}`, { env, pool_name: "warehouse" }, { body: { slots: 2 }, query: "?update_mask=slots" });
    await call("DELETE", `${ENV}/pools/{pool_name}`, { env, pool_name: "default_pool" });
    await call("DELETE", `${ENV}/pools/{pool_name}`, { env, pool_name: "warehouse" });

    // Webhooks, and a signed delivery to the public endpoint
    const created = await call("POST", `${ENV}/dags/{dag_id}/webhooks`, dag, { body: { name: "ci" } });
    expect(created.status).toBe(201);
    const w = { ...dag, webhook_id: created.body.webhook_id as string };
    await call("GET", `${ENV}/dags/{dag_id}/webhooks`, dag);
    await call("GET", `${ENV}/dags/{dag_id}/webhooks/{webhook_id}`, w);
    await call("PATCH", `${ENV}/dags/{dag_id}/webhooks/{webhook_id}`, w, { body: { name: "ci builds" } });
    const rotated = await call("POST", `${ENV}/dags/{dag_id}/webhooks/{webhook_id}/rotate`, w, { body: { expire_previous_in_hours: 1 } });
    for (const [answer, expected] of [
      [await deliver(w.webhook_id, rotated.body.secret as string, {}, { deliveryId: "d-1" }), 202],
      [await deliver(w.webhook_id, rotated.body.secret as string, {}, { deliveryId: "d-1" }), 200],
      [await deliver(w.webhook_id, "d3Jvbmc=", {}), 401],
    ] as const) {
      expect(answer.status).toBe(expected);
      problems.push(...answerProblems("POST", "/api/v1/webhooks/{webhook_id}", answer.status, answer.body));
    }
    await call("DELETE", `${ENV}/dags/{dag_id}/webhooks/{webhook_id}`, w);

    // People (sessions only)
    const org = { org: tenant.organization.id };
    await call("GET", `${ORG}/members`, org);
    const group = await call("POST", `${ORG}/groups`, org, { body: { name: "Data team", description: "pipelines" } });
    expect(group.status).toBe(201);
    const g = { ...org, group_id: group.body.id as string };
    await call("GET", `${ORG}/groups`, org);
    await call("GET", `${ORG}/groups/{group_id}`, g);
    await call("PATCH", `${ORG}/groups/{group_id}`, g, { body: { description: "all pipelines" } });
    const binding = await call("POST", `${ORG}/groups/{group_id}/role_bindings`, g, { body: { scope_type: "environment", scope_id: env, role: "operator" } });
    await call("GET", `${ORG}/groups/{group_id}/role_bindings`, g);
    await call("PUT", `${ORG}/groups/{group_id}/members/{user_id}`, { ...g, user_id: tenant.owner.userId });
    await call("PUT", `${ORG}/groups/{group_id}/members/{user_id}`, { ...g, user_id: tenant.owner.userId });
    await call("DELETE", `${ORG}/groups/{group_id}/members/{user_id}`, { ...g, user_id: tenant.owner.userId });
    await call("DELETE", `${ORG}/groups/{group_id}/role_bindings/{binding_id}`, { ...g, binding_id: binding.body.id as string });
    const invited = await call("POST", `${ORG}/invitations`, org, { body: { email: "ada@example.com", group_ids: [g.group_id] } });
    await call("GET", `${ORG}/invitations`, org);
    await call("DELETE", `${ORG}/invitations/{invitation_id}`, { ...org, invitation_id: invited.body.id as string });
    await call("DELETE", `${ORG}/groups/{group_id}`, g);
    const leaving = await makeMember(tenant, "viewer");
    expect((await call("DELETE", `${ORG}/members/{user_id}`, { ...org, user_id: leaving.userId })).status).toBe(204);
    await call("DELETE", `${ORG}/members/{user_id}`, { ...org, user_id: tenant.owner.userId });

    // Who may call: a bad token, a token of too low a role, a token on a sessions-only route.
    const viewer = await mintToken(tenant.owner, env, "viewer");
    expect((await call("GET", `${ENV}/dags`, { env }, { as: { token: "wsk_not_a_token" } })).status).toBe(401);
    expect((await call("GET", `${ENV}/dags/{dag_id}`, dag, { as: { token: viewer.secret } })).status).toBe(200);
    expect((await call("POST", `${ENV}/variables`, { env }, { body: { key: "k", value: "v" }, as: { token: viewer.secret } })).status).toBe(403);
    expect((await call("GET", `${ORG}/members`, org, { as: { token: viewer.secret } })).status).toBe(403);
    expect((await call("GET", `${ENV}/dags`, { env: tenant.environments.prd.id }, { as: { token: viewer.secret } })).status).toBe(404);

    // The public routes.
    expect((await call("GET", "/api/health", {})).body).toEqual({ database: "ok", temporal: "ok" });
    expect((await call("GET", "/api/v1/openapi.json", {})).status).toBe(200);

    // DAG delete last: it answers what it removed.
    await call("DELETE", `${ENV}/dags/{dag_id}`, dag, { query: "?purge=false" });

    // Every documented operation is exercised here, so a new route's answers are checked too.
    const called = new Set(seen.map((line) => line.split(" ").slice(0, 2).join(" ")));
    called.add("POST /api/v1/webhooks/{webhook_id}"); // through deliver(), above
    const notCalled = Object.entries(openApiDocument.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`))
      .filter((op) => !called.has(op) && !NOT_EXERCISED.has(op));
    expect(notCalled, "documented operations this test never calls: add a call above so their answers are checked").toEqual([]);

    expect(problems, `answers the document does not describe (fix the document in lib/server/openapi or the route):\n${problems.join("\n")}\n\nseen:\n${seen.join("\n")}`).toEqual([]);
  });
});
