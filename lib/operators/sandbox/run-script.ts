// Runs user code (script, branch, short_circuit callables, http response_check/filter)
// in the sandbox, wiring `ctx` to the task's ports.
import type { TemplateContextData } from "../templating/template-context";
import { guestBundle } from "./guest-bundle";
import { runSandboxed } from "./sandbox-threads";
import type { SandboxLimits } from "./sandbox-limits";
import { transpileScript, type ScriptLanguage } from "./transpile-script";

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FetchedResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  url: string;
}

/** What a script may do to the outside world; the operator wires these to its ports. */
export interface ScriptHost {
  log(level: "info" | "warn" | "error" | "debug", message: string): void;
  xcomPush(key: string, json: string): void;
  xcomPull(taskIds: string | string[] | null, key: string): Promise<unknown>;
  fetch(url: string, init: FetchInit, signal: AbortSignal): Promise<FetchedResponse>;
  /** `await ctx.conn(id)`: the connection's fields. */
  conn?(connection_id: string): Promise<unknown>;
  /** `await ctx.var(key, default?)`: the variable's value. */
  variable?(key: string, fallback?: string): Promise<string>;
}

export interface ScriptRun {
  code: string;
  language: ScriptLanguage;
  /** Shown in stack traces, e.g. "user_processing/extract.ts". */
  filename: string;
  context: TemplateContextData;
  /** The task's `args`, already rendered (see templating/render-fields.ts). */
  args?: unknown;
  /** Set for http's response_check/response_filter: the default export gets (response, ctx). */
  response?: FetchedResponse;
  host: ScriptHost;
  limits?: Partial<SandboxLimits>;
  signal?: AbortSignal;
}

export type ScriptOutcome = { kind: "ok"; value?: unknown } | { kind: "skip"; reason: string };

export async function runScript(run: ScriptRun): Promise<ScriptOutcome> {
  const [bundle, code] = await Promise.all([guestBundle("script"), transpileScript(run.code, run.language, run.filename)]);
  const outcome = await runSandboxed({
    scripts: [{ code: bundle, filename: "<windsock>" }],
    module: { code, filename: run.filename },
    entry: "__windsock_run_script",
    input: { context: run.context, args: run.args ?? {}, response: run.response },
    limits: run.limits,
    signal: run.signal,
    host: {
      sync: {
        log: ([level, message]) => run.host.log(level as "info", String(message)),
        "xcom.push": ([key, json]) => run.host.xcomPush(String(key), String(json)),
      },
      async: {
        "xcom.pull": ([taskIds, key]) => run.host.xcomPull(taskIds as string | string[] | null, String(key)),
        fetch: ([url, init], signal) => run.host.fetch(String(url), init as FetchInit, signal),
        conn: async ([id]) => {
          if (!run.host.conn) throw new Error("connections are not available to this task");
          return run.host.conn(String(id));
        },
        var: async ([key, fallback]) => {
          if (!run.host.variable) throw new Error("variables are not available to this task");
          return run.host.variable(String(key), fallback === null || fallback === undefined ? undefined : String(fallback));
        },
      },
    },
  });
  return outcome as ScriptOutcome;
}

/**
 * Wraps a short callable body (http's response_check / response_filter) as a module:
 * a full module is used as is, a bare expression becomes `export default (response, ctx) => (expr)`.
 */
export function callableModule(source: string): string {
  if (/\bexport\s+default\b/.test(source)) return source;
  return `export default async (response, ctx) => (\n${source}\n);`;
}
