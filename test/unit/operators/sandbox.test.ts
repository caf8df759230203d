// The script sandbox: limits stop runaway code with a message naming the limit, and no
// host object is reachable however the script tries.
import { describe, expect, it } from "vitest";
import { runScript, type ScriptHost } from "../../../lib/operators/sandbox/run-script";
import { runInSandbox } from "../../../lib/operators/sandbox/run-in-sandbox";
import { SandboxLimitError, ScriptError } from "../../../lib/operators/sandbox/sandbox-error";
import { TranspileError } from "../../../lib/operators/sandbox/transpile-script";

function host(overrides: Partial<ScriptHost> = {}) {
  const logs: string[] = [];
  const pushed: Record<string, string> = {};
  const h: ScriptHost = {
    log: (level, message) => logs.push(`${level}: ${message}`),
    xcomPush: (key, json) => {
      pushed[key] = json;
    },
    xcomPull: async (taskIds, key) => ({ taskIds, key }),
    fetch: async (url) => ({ status: 200, statusText: "OK", headers: { "content-type": "application/json" }, body: '{"hello":"world"}', url }),
    ...overrides,
  };
  return { host: h, logs, pushed };
}

const context = { ds: "2024-03-01", params: { limit: 3 }, dag_run: { conf: {} }, logical_date: { $datetime: "2024-03-01T00:00:00+00:00" } };

async function run(code: string, opts: { limits?: Parameters<typeof runScript>[0]["limits"]; args?: unknown; h?: Partial<ScriptHost> } = {}) {
  const { host: h } = host(opts.h);
  return runScript({ code, language: "ts", filename: "dag/task.ts", context, args: opts.args ?? {}, host: h, limits: opts.limits });
}

describe("script results", () => {
  it("returns the default export's value as JSON", async () => {
    expect(await run("export default async (ctx) => ({ n: ctx.params.limit * 2, ds: ctx.ds })")).toEqual({ kind: "ok", value: { n: 6, ds: "2024-03-01" } });
  });

  it("runs TypeScript after stripping its types", async () => {
    const code = "interface Row { id: number }\nexport default async (ctx: { args: { rows: Row[] } }): Promise<number> => ctx.args.rows.length";
    expect(await run(code, { args: { rows: [{ id: 1 }, { id: 2 }] } })).toEqual({ kind: "ok", value: 2 });
  });

  it("gives datetimes to scripts as ISO strings", async () => {
    expect(await run("export default (ctx) => ctx.logical_date")).toEqual({ kind: "ok", value: "2024-03-01T00:00:00+00:00" });
  });

  it("reports no value when the script returns nothing", async () => {
    expect(await run("export default async () => {}")).toEqual({ kind: "ok" });
  });

  it("ends as skipped when the script calls ctx.skip", async () => {
    expect(await run("export default async (ctx) => { ctx.skip('no new rows'); return 1 }")).toEqual({ kind: "skip", reason: "no new rows" });
  });

  it("fails with the thrown message and the script's stack", async () => {
    const error = await run("export default async () => {\n  throw new Error('api down')\n}").catch((e) => e);
    expect(error).toBeInstanceOf(ScriptError);
    expect(error.message).toBe("api down");
    expect(error.scriptStack).toContain("dag/task.ts:2");
  });

  it("explains a missing default export", async () => {
    await expect(run("export const x = 1")).rejects.toThrow(/no default export function/);
  });

  it("refuses a return value that is not JSON", async () => {
    await expect(run("export default () => 10n")).rejects.toThrow(/cannot be stored as JSON|BigInt/);
  });

  it("reports TypeScript syntax errors with file, line and column", async () => {
    const error = await run("export default async () => {\n  const x = ;\n}").catch((e) => e);
    expect(error).toBeInstanceOf(TranspileError);
    expect(error.message).toMatch(/dag\/task\.ts:2:\d+/);
  });

  it("fails a script that awaits a promise nothing resolves", async () => {
    await expect(run("export default () => new Promise(() => {})")).rejects.toThrow(/nothing will ever resolve/);
  });

  it("cannot import modules", async () => {
    await expect(run("import fs from 'fs'; export default () => typeof fs")).rejects.toThrow();
  });
});

describe("ctx host functions", () => {
  it("awaits xcom.pull and fetch through the host", async () => {
    const out = await run(`export default async (ctx) => {
      const pulled = await ctx.xcom.pull('extract', 'rows');
      const res = await ctx.fetch('https://api.example.com/x');
      return { pulled, status: res.status, ok: res.ok, body: await res.json() };
    }`);
    expect(out).toEqual({ kind: "ok", value: { pulled: { taskIds: "extract", key: "rows" }, status: 200, ok: true, body: { hello: "world" } } });
  });

  it("surfaces a host failure as a catchable error inside the script", async () => {
    const out = await run("export default async (ctx) => { try { await ctx.fetch('http://10.0.0.1/') } catch (e) { return 'caught: ' + e.message } }", {
      h: { fetch: async () => Promise.reject(new Error("refused to connect to 10.0.0.1")) },
    });
    expect(out).toEqual({ kind: "ok", value: "caught: refused to connect to 10.0.0.1" });
  });

  it("logs through ctx.log and console", async () => {
    const { host: h, logs, pushed } = host();
    await runScript({
      code: "export default (ctx) => { ctx.log.info('rows', 3); console.warn({ a: 1 }); ctx.xcom.push('k', [1, 2]) }",
      language: "js",
      filename: "t.js",
      context,
      host: h,
    });
    expect(logs).toEqual(["info: rows 3", 'warn: {"a":1}']);
    expect(pushed).toEqual({ k: "[1,2]" });
  });

  it("runs several tries at once on the shared module without mixing their state", async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => run(`globalThis.mine = ${n}; export default async (ctx) => { await ctx.xcom.pull('a'); return globalThis.mine }`)),
    );
    expect(results.map((r) => (r as { value: number }).value)).toEqual([1, 2, 3, 4]);
  });
});

describe("limits", () => {
  it("stops an infinite loop at the deadline and says so", async () => {
    const started = Date.now();
    const error = await run("export default () => { for (;;) {} }", { limits: { timeoutMs: 200 } }).catch((e) => e);
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error.limit).toBe("timeout");
    expect(error.message).toMatch(/time limit of 200 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("counts awaited host calls against the deadline", async () => {
    const error = await run("export default async (ctx) => { await ctx.fetch('https://slow.example') }", {
      limits: { timeoutMs: 150 },
      h: { fetch: () => new Promise((r) => setTimeout(() => r({ status: 200, statusText: "", headers: {}, body: "", url: "" }), 2000)) },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error.limit).toBe("timeout");
  });

  it("stops an infinite loop inside an async continuation", async () => {
    const error = await run("export default async (ctx) => { await ctx.xcom.pull('a'); while (true) {} }", { limits: { timeoutMs: 200 } }).catch((e) => e);
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error.limit).toBe("timeout");
  });

  it("stops a script that allocates without bound", async () => {
    const error = await run("export default () => { const a = []; for (;;) a.push(new Uint8Array(1 << 20)) }", {
      limits: { memoryBytes: 16 * 1024 * 1024 },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error.limit).toBe("memory");
    expect(error.message).toMatch(/memory limit of 16 MiB/);
  });

  it("refuses one huge allocation", async () => {
    const error = await run("export default () => new ArrayBuffer(512 * 1024 * 1024).byteLength", { limits: { memoryBytes: 16 * 1024 * 1024 } }).catch((e) => e);
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error.limit).toBe("memory");
  });

  it("stops runaway recursion", async () => {
    const error = await run("export default () => { const f = (n) => f(n + 1) + 1; return f(0) }").catch((e) => e);
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error.limit).toBe("stack");
  });

  it("allows ordinary recursion depth", async () => {
    expect(await run("export default () => { const f = (n) => (n === 0 ? 0 : f(n - 1) + 1); return f(1000) }")).toEqual({ kind: "ok", value: 1000 });
  });

  it("keeps working after a try hit a limit", async () => {
    const hit = await run("export default () => { const a = []; for (;;) a.push({ row: a.length, name: 'user' + a.length }) }", { limits: { memoryBytes: 4 * 1024 * 1024 } }).catch((e) => e);
    expect(hit).toBeInstanceOf(SandboxLimitError);
    expect(await run("export default () => 42")).toEqual({ kind: "ok", value: 42 });
  });
});

describe("no host objects are reachable", () => {
  const probes: [string, string][] = [
    ["process via constructor.constructor", "return ''.constructor.constructor('return typeof process')()"],
    ["require via Function", "return Function('return typeof require')()"],
    ["globalThis keys", "return Object.getOwnPropertyNames(globalThis).filter((k) => /process|require|Buffer|module|fetch|setTimeout|__windsock_host/.test(k))"],
    ["eval of host refs", "return eval('typeof process + typeof require + typeof Buffer + typeof module')"],
    ["ctx.constructor chain", "return ctx.constructor.constructor('return typeof process')()"],
    ["host function constructor", "return ctx.xcom.pull.constructor('return typeof process')()"],
    ["import.meta", "return typeof import.meta.url"],
  ];
  it.each(probes)("%s finds nothing", async (_name, body) => {
    const out = (await run(`export default async (ctx) => { ${body} }`)) as { value: unknown };
    expect(JSON.stringify(out.value)).not.toMatch(/function|object/);
  });

  it("cannot reach the host bridges after setup", async () => {
    expect(await run("export default () => [typeof __windsock_host_sync, typeof __windsock_host_async]")).toEqual({ kind: "ok", value: ["undefined", "undefined"] });
  });

  it("cannot pollute host prototypes", async () => {
    await run(`export default (ctx) => {
      Object.prototype.polluted = 'yes';
      ctx.params.__proto__.polluted2 = 'yes';
      Array.prototype.polluted3 = 'yes';
      return JSON.parse('{"__proto__": {"polluted4": "yes"}}');
    }`);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.polluted2).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted3).toBeUndefined();
    expect(probe.polluted4).toBeUndefined();
  });

  it("returns data, never live objects: a returned __proto__ key stays a plain key", async () => {
    const out = (await run(`export default () => JSON.parse('{"__proto__": {"admin": true}}')`)) as { value: Record<string, unknown> };
    expect(Object.getPrototypeOf(out.value)).toBe(Object.prototype);
    expect((out.value as { admin?: unknown }).admin).toBeUndefined();
  });

  it("does not let one try see another try's globals", async () => {
    await run("globalThis.leak = 'secret'; export default () => 1");
    expect(await run("export default () => typeof globalThis.leak")).toEqual({ kind: "ok", value: "undefined" });
  });

  it("gives the guest JSON only, even from host functions", async () => {
    const out = await runInSandbox({
      scripts: [{ code: "const call = __windsock_host_sync; globalThis.f = (ns, input) => { const r = call('probe', '[]'); return JSON.stringify(typeof r) }", filename: "s" }],
      entry: "f",
      input: null,
      host: { sync: { probe: () => ({ fn: () => 1, process }) as unknown } },
    });
    expect(out).toBe("string");
  });
});

describe("cancellation", () => {
  // A CPU-bound loop runs synchronously, so only the deadline can stop it mid-loop; a signal
  // that is already aborted stops it at the first interrupt check.
  it("stops a script at once when its try was already cancelled", async () => {
    const controller = new AbortController();
    controller.abort(new Error("the run timed out"));
    const { host: h } = host();
    const started = Date.now();
    const error = await runScript({ code: "export default () => { for (;;) {} }", language: "js", filename: "t.js", context, host: h, signal: controller.signal }).catch((e) => e);
    expect(error.message).toBe("the try was stopped: the run timed out");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops a script waiting on a host call when the try is cancelled", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled by the user")), 100);
    const { host: h } = host({ fetch: () => new Promise(() => undefined) });
    const error = await runScript({ code: "export default async (ctx) => { await ctx.fetch('https://x') }", language: "js", filename: "t.js", context, host: h, signal: controller.signal }).catch((e) => e);
    expect(error.message).toBe("the try was stopped: cancelled by the user");
  });
});
