// Built-in operators run through the in-process driver: branching, short-circuit,
// latest_only, retries, XCom and http, with the outcomes Airflow gives.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, runDag, runOneTask, states } from "./run-helpers";

describe("script and XCom", () => {
  it("passes return_value and keyed XComs between tasks", async () => {
    const r = await runDag(`
dag_id: x
tasks:
  - task_id: a
    operator: script
    code: "export default (ctx) => { ctx.xcom.push('extra', { n: 1 }); return [1, 2, 3] }"
  - task_id: b
    operator: script
    upstream: [a]
    code: "export default async (ctx) => ({ rv: await ctx.xcom.pull('a'), extra: await ctx.xcom.pull('a', 'extra'), missing: await ctx.xcom.pull('nope'), many: await ctx.xcom.pull(['a', 'nope']) })"
`);
    expect(r.state.state).toBe("success");
    expect(r.tasks.b.return_value).toEqual({ rv: [1, 2, 3], extra: { n: 1 }, missing: null, many: [[1, 2, 3], null] });
  });

  it("omits return_value when the script returns nothing or null (Airflow does not push None)", async () => {
    const r = await runDag(`
dag_id: x
tasks:
  - { task_id: a, operator: script, code: "export default () => {}" }
  - { task_id: b, operator: script, code: "export default () => null" }
  - { task_id: c, operator: script, code: "export default () => 0" }
  - { task_id: d, operator: script, do_xcom_push: false, code: "export default () => 'kept out'" }
`);
    expect("return_value" in r.tasks.a).toBe(false);
    expect("return_value" in r.tasks.b).toBe(false);
    expect(r.tasks.c.return_value).toBe(0);
    expect("return_value" in r.tasks.d).toBe(false);
    expect(await r.h.xcom.get({ dag_id: "x", run_id: r.run.run_id, task_id: "d", key: "return_value" })).toBeUndefined();
  });

  it("fails a task whose return value exceeds the XCom limit, naming task and size", async () => {
    const r = await runOneTask(
      `
dag_id: x
tasks:
  - { task_id: big, operator: script, code: "export default () => 'x'.repeat(2048)" }
`,
      "big",
      { settings: { xcomMaxBytes: 1024 } },
    );
    expect(r.state).toBe("failed");
    expect(r.state === "failed" && r.error).toMatch(/task 'big' pushed XCom 'return_value' of 2\.0 KiB \(2050 bytes\), more than the limit of 1\.0 KiB \(1024 bytes\)/);
  });

  it("applies the XCom limit to keyed pushes too, as an error the script sees", async () => {
    const r = await runOneTask(
      `
dag_id: x
tasks:
  - { task_id: t, operator: script, code: "export default (ctx) => { try { ctx.xcom.push('k', 'y'.repeat(5000)) } catch (e) { return e.message } }" }
`,
      "t",
      { settings: { xcomMaxBytes: 1024 } },
    );
    expect(r.state === "success" && r.return_value).toMatch(/task 't' pushed XCom 'k' of 4\.9 KiB/);
  });

  it("gives ctx the run's context as ISO strings and conf over params", async () => {
    const r = await runDag(
      `
dag_id: ctxdag
params: { limit: 10, name: bob }
tasks:
  - task_id: t
    operator: script
    args: { day: "{{ ds }}", limit: "{{ params.limit }}" }
    code: |
      export default (ctx) => ({ ds: ctx.ds, ds_nodash: ctx.ds_nodash, ts: ctx.ts, ts_nodash: ctx.ts_nodash, logical_date: ctx.logical_date,
        data_interval_start: ctx.data_interval_start, data_interval_end: ctx.data_interval_end, run_id: ctx.run_id,
        conf: ctx.dag_run.conf, params: ctx.params, try_number: ctx.try_number, key: ctx.task_instance_key_str, args: ctx.args })
`,
      { conf: { limit: 3 } },
    );
    expect(r.tasks.t.return_value).toEqual({
      ds: "2024-03-01",
      ds_nodash: "20240301",
      ts: "2024-03-01T00:00:00+00:00",
      ts_nodash: "20240301T000000",
      logical_date: "2024-03-01T00:00:00+00:00",
      data_interval_start: "2024-03-01T00:00:00+00:00",
      data_interval_end: "2024-03-01T00:00:00+00:00",
      run_id: "manual__2024-03-01T01:00:00+00:00",
      conf: { limit: 3 },
      params: { limit: 3, name: "bob" },
      try_number: 1,
      key: "ctxdag__t__20240301",
      args: { day: "2024-03-01", limit: "3" },
    });
  });

  it("fails with the template error when a templated arg cannot render", async () => {
    const r = await runOneTask(
      `
dag_id: x
tasks:
  - { task_id: t, operator: script, args: { q: "{{ params.nope }}" }, code: "export default () => 1" }
`,
      "t",
    );
    expect(r.state === "failed" && r.error).toBe("cannot render the template in field 'args.q': 'dict object' has no attribute 'nope'");
  });

  it("ctx.skip ends the task as skipped and its downstream follows the trigger rules", async () => {
    const r = await runDag(`
dag_id: x
tasks:
  - { task_id: a, operator: script, code: "export default (ctx) => ctx.skip('nothing new')" }
  - { task_id: b, operator: empty, upstream: [a] }
  - { task_id: c, operator: empty, upstream: [a], trigger_rule: none_failed }
`);
    expect(states(r)).toEqual({ a: "skipped", b: "skipped", c: "success" });
    expect(r.state.state).toBe("success");
  });

  it("stops a try at its execution_timeout and retries it", async () => {
    const r = await runDag(`
dag_id: x
tasks:
  - task_id: slow
    operator: script
    retries: 1
    execution_timeout: PT0.3S
    code: "export default () => { for (;;) {} }"
`);
    expect(r.tasks.slow).toMatchObject({ state: "failed", try_number: 2 });
    expect(r.tasks.slow.error).toMatch(/time limit of 300 ms/);
  });
});

describe("retries", () => {
  it("retries until a try succeeds, counting try_number from 1", async () => {
    const r = await runDag(`
dag_id: x
default_args: { retries: 3, retry_delay: PT1S }
tasks:
  - task_id: flaky
    operator: script
    code: "export default (ctx) => { if (ctx.try_number < 3) throw new Error('try ' + ctx.try_number); return ctx.try_number }"
  - { task_id: never, operator: empty, upstream: [flaky], trigger_rule: all_failed }
`);
    expect(r.tasks.flaky).toMatchObject({ state: "success", try_number: 3, return_value: 3 });
    expect(r.tasks.never).toMatchObject({ state: "skipped", try_number: 0 });
    expect(r.h.logs.filter((l) => l.includes("error Task failed"))).toEqual(["flaky#1 error Task failed: try 1", "flaky#2 error Task failed: try 2"]);
  });

  it("waits retry_delay between tries unless told not to", async () => {
    const yaml = `
dag_id: x
tasks:
  - { task_id: f, operator: script, retries: 1, retry_delay: PT1S, code: "export default () => { throw new Error('no') }" }
`;
    const started = Date.now();
    const waited = await runDag(yaml, { noRetryDelay: false });
    expect(waited.tasks.f.try_number).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const quick = Date.now();
    await runDag(yaml, { noRetryDelay: true });
    expect(Date.now() - quick).toBeLessThan(1000);
  });
});

describe("branch", () => {
  const dag = (ret: string) => `
dag_id: b
tasks:
  - { task_id: pick, operator: branch, code: "export default () => ${ret}" }
  - { task_id: left, operator: empty, upstream: [pick] }
  - { task_id: right, operator: empty, upstream: [pick] }
  - { task_id: after_right, operator: empty, upstream: [right] }
  - { task_id: join, operator: empty, upstream: [left, after_right], trigger_rule: none_failed_min_one_success }
  - { task_id: strict_join, operator: empty, upstream: [left, after_right] }
`;

  it("follows the returned task and skips the other direct downstreams, cascading", async () => {
    const r = await runDag(dag("'left'"));
    expect(states(r)).toEqual({ pick: "success", left: "success", right: "skipped", after_right: "skipped", join: "success", strict_join: "skipped" });
    expect(r.tasks.pick.return_value).toBe("left");
  });

  it("follows a list of tasks", async () => {
    const r = await runDag(dag("['left', 'right']"));
    expect(states(r)).toMatchObject({ left: "success", right: "success", after_right: "success", join: "success", strict_join: "success" });
  });

  it("skips every direct downstream when it returns null", async () => {
    const r = await runDag(dag("null"));
    expect(states(r)).toMatchObject({ left: "skipped", right: "skipped", join: "skipped" });
    expect(r.state.state).toBe("success");
  });

  it("fails when it returns a task that is not a direct downstream", async () => {
    const r = await runDag(dag("'after_right'"));
    expect(r.tasks.pick.state).toBe("failed");
    expect(r.tasks.pick.error).toBe("branch 'pick' returned 'after_right', which is not a direct downstream task of it; return one or more of: 'left', 'right'");
  });

  it("expands a task group id to its root tasks", async () => {
    const r = await runDag(`
dag_id: g
task_groups: [{ group_id: grp }]
tasks:
  - { task_id: pick, operator: branch, code: "export default () => 'grp'" }
  - { task_id: first, task_group: grp, operator: empty, upstream: [pick] }
  - { task_id: second, task_group: grp, operator: empty, upstream: [first] }
  - { task_id: other, operator: empty, upstream: [pick] }
`);
    expect(states(r)).toEqual({ pick: "success", "grp.first": "success", "grp.second": "success", other: "skipped" });
  });
});

describe("short_circuit", () => {
  const dag = (ret: string, ignore?: boolean) => `
dag_id: s
tasks:
  - task_id: check
    operator: short_circuit
    ${ignore === undefined ? "" : `ignore_downstream_trigger_rules: ${ignore}`}
    code: "export default () => ${ret}"
  - { task_id: next, operator: empty, upstream: [check] }
  - { task_id: after, operator: empty, upstream: [next], trigger_rule: all_done }
`;
  it.each([["false"], ["0"], ["''"], ["[]"], ["({})"], ["null"]])("a falsy result (%s) skips everything downstream", async (ret) => {
    const r = await runDag(dag(ret));
    expect(states(r)).toEqual({ check: "success", next: "skipped", after: "skipped" });
  });

  it("a truthy result lets downstream run and is the return_value", async () => {
    const r = await runDag(dag("[1]"));
    expect(states(r)).toEqual({ check: "success", next: "success", after: "success" });
    expect(r.tasks.check.return_value).toEqual([1]);
  });

  it("with ignore_downstream_trigger_rules false, only direct downstreams are skipped and rules decide the rest", async () => {
    const r = await runDag(dag("false", false));
    expect(states(r)).toEqual({ check: "success", next: "skipped", after: "success" });
  });
});

describe("latest_only", () => {
  const yaml = `
dag_id: l
schedule: "@daily"
start_date: "2024-01-01T00:00:00Z"
tasks:
  - { task_id: latest, operator: latest_only }
  - { task_id: publish, operator: empty, upstream: [latest] }
`;
  const day = 86_400_000;
  const scheduled = (start: string) => ({
    run_type: "scheduled" as const,
    logical_date: start,
    data_interval_start: start,
    data_interval_end: new Date(Date.parse(start) + day).toISOString(),
  });

  it("lets a manual run through", async () => {
    const r = await runDag(yaml);
    expect(states(r)).toEqual({ latest: "success", publish: "success" });
  });

  it("skips downstream for a scheduled run that is not the latest", async () => {
    const r = await runDag(yaml, { h: harness({ now: Date.parse("2024-03-10T12:00:00Z") }), run: scheduled("2024-03-01T00:00:00Z") });
    expect(states(r)).toEqual({ latest: "success", publish: "skipped" });
    expect(r.tasks.latest.return_value).toEqual([]);
  });

  it("lets the latest scheduled run through", async () => {
    const now = Date.parse("2024-03-02T12:00:00Z");
    const r = await runDag(yaml, { h: harness({ now }), run: scheduled("2024-03-01T00:00:00Z") });
    expect(states(r)).toEqual({ latest: "success", publish: "success" });
  });
});

describe("http", () => {
  let server: http.Server;
  let base: string;
  const requests: { method?: string; url?: string; body: string; headers: http.IncomingHttpHeaders }[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        requests.push({ method: req.method, url: req.url, body, headers: req.headers });
        if (req.url?.startsWith("/missing")) return res.writeHead(404, "Not Found").end("no such thing");
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ok: true, items: [1, 2, 3] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const httpDag = (fields: string) => `
dag_id: h
params: { base: "" }
tasks:
  - task_id: call
    operator: http
    ${fields}
`;

  it("POSTs by default, templating endpoint, headers and data; the response text is the return_value", async () => {
    const r = await runDag(
      httpDag(`endpoint: "{{ params.base }}/items?day={{ ds }}"
    headers: { X-Day: "{{ ds_nodash }}" }
    data: { name: "{{ dag_run.conf.base | length > 0 }}", n: 2 }`),
      { conf: { base } },
    );
    expect(r.tasks.call.state).toBe("success");
    expect(r.tasks.call.return_value).toBe('{"ok":true,"items":[1,2,3]}');
    const last = requests.at(-1)!;
    expect(last).toMatchObject({ method: "POST", url: "/items?day=2024-03-01", body: "name=True&n=2" });
    expect(last.headers["x-day"]).toBe("20240301");
    expect(last.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("sends data as query parameters for GET and as JSON with a JSON content type", async () => {
    await runDag(httpDag(`method: GET
    endpoint: "{{ params.base }}/q"
    data: { a: 1, b: "x y" }`), { conf: { base } });
    expect(requests.at(-1)).toMatchObject({ method: "GET", url: "/q?a=1&b=x+y", body: "" });
    await runDag(httpDag(`method: PUT
    endpoint: "{{ params.base }}/j"
    headers: { Content-Type: application/json }
    data: { a: [1, 2] }`), { conf: { base } });
    expect(requests.at(-1)).toMatchObject({ method: "PUT", body: '{"a":[1,2]}' });
  });

  it("runs response_check and response_filter in the sandbox", async () => {
    const ok = await runDag(httpDag(`method: GET
    endpoint: "{{ params.base }}/x"
    response_check: "response.json().ok === true"
    response_filter: "response.json().items.length + ctx.params.base.length * 0"`), { conf: { base } });
    expect(ok.tasks.call).toMatchObject({ state: "success", return_value: 3 });
    const bad = await runDag(httpDag(`method: GET
    endpoint: "{{ params.base }}/x"
    response_check: |
      export default (response) => response.json().items.length > 5;`), { conf: { base } });
    expect(bad.tasks.call).toMatchObject({ state: "failed", error: "Response check returned False." });
  });

  it("fails on an HTTP error status with code and reason", async () => {
    const r = await runDag(httpDag(`method: GET
    endpoint: "{{ params.base }}/missing"`), { conf: { base } });
    expect(r.tasks.call.error).toBe(`404:Not Found from ${base}/missing`);
  });

  it("refuses private addresses when the policy says so", async () => {
    const { createOutboundHttpClient } = await import("../../../lib/operators/http/outbound-http-client");
    const r = await runDag(httpDag(`endpoint: "{{ params.base }}/x"`), {
      conf: { base },
      h: harness({ http: createOutboundHttpClient({ allowPrivateNetwork: false }) }),
    });
    expect(r.tasks.call.state).toBe("failed");
    expect(r.tasks.call.error).toMatch(/refused to connect to 127\.0\.0\.1: it is a loopback address/);
  });

  it("ctx.fetch goes through the same client", async () => {
    const r = await runDag(
      `
dag_id: f
params: { base: "" }
tasks:
  - task_id: t
    operator: script
    code: "export default async (ctx) => { const res = await ctx.fetch(ctx.params.base + '/y', { method: 'POST', body: { a: 1 } }); return { status: res.status, body: await res.json() } }"
`,
      { conf: { base } },
    );
    expect(r.tasks.t.return_value).toEqual({ status: 200, body: { ok: true, items: [1, 2, 3] } });
    expect(requests.at(-1)).toMatchObject({ method: "POST", body: '{"a":1}' });
  });
});

describe("run state", () => {
  it("fails the run at dagrun_timeout, stopping the running try", async () => {
    const never = { request: () => new Promise<never>(() => undefined) };
    const started = Date.now();
    const r = await runDag(
      `
dag_id: t
dagrun_timeout: PT0.5S
params: { u: "http://x" }
tasks:
  - { task_id: wait, operator: script, code: "export default async (ctx) => { await ctx.fetch(ctx.params.u) }" }
  - { task_id: after, operator: empty, upstream: [wait] }
`,
      { h: harness({ http: never }) },
    );
    expect(r.state.state).toBe("failed");
    expect(r.state.finish_reason).toBe("dagrun_timeout");
    expect(r.tasks.after.state).not.toBe("success");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("fails an operator that cannot run here yet without retrying it", async () => {
    const r = await runDag(`
dag_id: s
tasks:
  - { task_id: wait_db, operator: sql_sensor, conn_id: warehouse, sql: "select 1", retries: 3 }
`);
    expect(r.tasks.wait_db).toMatchObject({ state: "failed", try_number: 1 });
    expect(r.tasks.wait_db.error).toMatch(/'sql_sensor' operator cannot run yet: it needs the sql operator/);
  });

  it("fails the run from a failed leaf and marks downstream upstream_failed", async () => {
    const r = await runDag(`
dag_id: x
tasks:
  - { task_id: a, operator: script, code: "export default () => { throw new Error('bad input') }" }
  - { task_id: b, operator: empty, upstream: [a] }
  - { task_id: c, operator: empty, upstream: [a], trigger_rule: one_failed }
`);
    expect(states(r)).toEqual({ a: "failed", b: "upstream_failed", c: "success" });
    expect(r.state.state).toBe("failed");
    expect(r.tasks.a.error).toBe("bad input");
  });

  it("runs independent tasks concurrently", async () => {
    const tasks = Array.from({ length: 6 }, (_, i) => `  - { task_id: t${i}, operator: script, code: "export default async (ctx) => { await ctx.fetch(ctx.params.u); return ${i} }" }`).join("\n");
    const slow = { request: () => new Promise<never>((res) => setTimeout(() => res({ status: 200, statusText: "OK", headers: {}, body: "", url: "" } as never), 300)) };
    const started = Date.now();
    const r = await runDag(`dag_id: p\nparams: { u: "http://x" }\ntasks:\n${tasks}`, { h: harness({ http: slow }) });
    expect(r.state.state).toBe("success");
    expect(Date.now() - started).toBeLessThan(6 * 300);
  });
});
