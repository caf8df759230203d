// What the sandbox threads are for: a script that computes for seconds leaves the worker's
// main thread free (Temporal heartbeats, other tries), can still be stopped mid-loop, and a
// thread that dies fails only its own scripts.
import { afterEach, describe, expect, it } from "vitest";
import { runScript, type ScriptHost } from "../../../lib/operators/sandbox/run-script";
import { SandboxLimitError, ScriptError } from "../../../lib/operators/sandbox/sandbox-error";
import { createSandboxThreadPool, installSandboxThreads, type SandboxThreadPool } from "../../../lib/operators/sandbox/sandbox-threads";
import { runInSandbox } from "../../../lib/operators/sandbox/run-in-sandbox";

const context = { ds: "2024-03-01", params: {}, dag_run: { conf: {} } };
const pools: SandboxThreadPool[] = [];
afterEach(async () => {
  installSandboxThreads(0);
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function host(logs: string[] = [], pushed: Record<string, string> = {}): ScriptHost {
  return {
    log: (level, message) => logs.push(`${level}: ${message}`),
    xcomPush: (key, json) => {
      if (json.length > 100) throw new Error(`XCom '${key}' is larger than 100 bytes`);
      pushed[key] = json;
    },
    xcomPull: async (taskIds, key) => ({ taskIds, key }),
    fetch: async (url) => ({ status: 200, statusText: "OK", headers: {}, body: "ok", url }),
  };
}

const busy = (ms: number) => `export default (ctx) => { console.log("start"); const end = Date.now() + ${ms}; let n = 0; while (Date.now() < end) n++; return "done"; }`;

/** Counts ticks of a 50 ms interval on this (the main) thread while `work` runs. */
async function ticksDuring(work: () => Promise<unknown>): Promise<{ ticks: number; result: unknown }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 50);
  try {
    const result = await work();
    return { ticks, result };
  } finally {
    clearInterval(timer);
  }
}

describe("sandbox threads", () => {
  it("keep the main thread running while a script computes (in process it is frozen)", async () => {
    const logs: string[] = [];
    const inProcess = await ticksDuring(() => runScript({ code: busy(1000), language: "js", filename: "t.js", context, host: host(logs) }));
    expect(inProcess.result).toEqual({ kind: "ok", value: "done" });
    expect(inProcess.ticks).toBeLessThanOrEqual(1);

    installSandboxThreads(1);
    const threaded = await ticksDuring(() => runScript({ code: busy(1000), language: "js", filename: "t.js", context, host: host(logs) }));
    expect(threaded.result).toEqual({ kind: "ok", value: "done" });
    // 1 s of script: the main thread ticked all along (generous bound for a loaded machine).
    expect(threaded.ticks).toBeGreaterThanOrEqual(5);
    expect(logs).toEqual(["info: start", "info: start"]);
  });

  it("give the guest the host's sync errors where it calls, so it can catch them", async () => {
    installSandboxThreads(1);
    const pushed: Record<string, string> = {};
    const code = `export default (ctx) => {
      ctx.xcom.push("small", 1);
      try { ctx.xcom.push("big", "x".repeat(500)); } catch (e) { return "caught: " + e.message; }
      return "not caught";
    }`;
    const out = await runScript({ code, language: "js", filename: "t.js", context, host: host([], pushed) });
    expect(out).toEqual({ kind: "ok", value: "caught: XCom 'big' is larger than 100 bytes" });
    expect(Object.keys(pushed)).toEqual(["small"]);
  });

  it("stop a script in the middle of a busy loop when its try is stopped", async () => {
    installSandboxThreads(1);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("the run was marked failed")), 300);
    const started = Date.now();
    const error = await runScript({ code: busy(20_000), language: "js", filename: "t.js", context, host: host(), signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as Error).message).toMatch(/^the try was stopped/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("stop a script awaiting a host call when its try is stopped, and cancel that call", async () => {
    installSandboxThreads(1);
    const controller = new AbortController();
    let callSignal: AbortSignal | undefined;
    const h = {
      ...host(),
      fetch: (_url: string, _init: unknown, signal: AbortSignal) => {
        callSignal = signal;
        // The user stops the try while the script waits for the answer.
        setTimeout(() => controller.abort(new Error("cancelled by user")), 50);
        return new Promise<never>(() => undefined);
      },
    };
    const error = await runScript({ code: `export default async (ctx) => { await ctx.fetch("https://example.com"); return 1 }`, language: "js", filename: "t.js", context, host: h as ScriptHost, signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("the try was stopped: cancelled by user");
    expect(callSignal?.aborted).toBe(true);
  });

  it("report limits as the same errors as in process", async () => {
    installSandboxThreads(1);
    const error = await runScript({ code: busy(60_000), language: "js", filename: "t.js", context, host: host(), limits: { timeoutMs: 300 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect((error as SandboxLimitError).limit).toBe("timeout");
  });

  it("spread scripts over the threads, and fail only the scripts of a thread that dies", async () => {
    const pool = createSandboxThreadPool(2);
    pools.push(pool);
    const slow = (ms: number) => pool.run({ scripts: [{ code: `globalThis.main = () => { const end = Date.now() + ${ms}; while (Date.now() < end) {} return '"ok"'; }`, filename: "s.js" }], entry: "main", input: null });
    const a = slow(1500);
    const b = slow(1500);
    expect(pool.load()).toEqual([1, 1]);
    await expect(Promise.all([a, b])).resolves.toEqual(["ok", "ok"]);

    const doomed = slow(5000);
    // Kill the thread that holds it (the pool picked one of the two, both idle before).
    const busyIndex = pool.load().findIndex((n) => n === 1);
    expect(busyIndex).toBeGreaterThanOrEqual(0);
    await pool.terminateThread(busyIndex);
    await expect(doomed).rejects.toThrow(/sandbox thread running this script stopped/);
    await expect(slow(10)).resolves.toBe("ok");
  });

  it("run the same entry in process and on a thread with the same result", async () => {
    const pool = createSandboxThreadPool(1);
    pools.push(pool);
    const run = { scripts: [{ code: `globalThis.main = (ns, input) => JSON.stringify({ got: JSON.parse(input), sum: [1,2,3].reduce((a,b)=>a+b) })`, filename: "s.js" }], entry: "main", input: { a: [1, "two", null] } };
    expect(await pool.run(run)).toEqual(await runInSandbox(run));
  });
});
