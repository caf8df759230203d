// Runs INSIDE the QuickJS sandbox (bundled once per process by sandbox/guest-bundle.ts):
// builds a script's `ctx` from JSON data and the two host bridges, then calls the
// script's default export. Nothing here can see host objects.

/* eslint-disable @typescript-eslint/no-explicit-any */
const g = globalThis as any;
const hostSync: (op: string, argsJson: string) => string = g.__windsock_host_sync;
const hostAsync: (op: string, argsJson: string) => Promise<string> = g.__windsock_host_async;

const callSync = (op: string, ...args: unknown[]): unknown => JSON.parse(hostSync(op, JSON.stringify(args)));
const callAsync = async (op: string, ...args: unknown[]): Promise<unknown> => JSON.parse(await hostAsync(op, JSON.stringify(args)));

class SkipSignal {
  constructor(readonly reason: string) {}
}

type TemplateContextData = Record<string, unknown>;

type Outcome = { kind: "ok"; value?: unknown } | { kind: "skip"; reason: string };

function toJson(outcome: Outcome): string {
  try {
    return JSON.stringify(outcome);
  } catch (error) {
    throw new TypeError(`the return value cannot be stored as JSON: ${(error as Error).message}`);
  }
}

function formatLog(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === "string") return a;
      if (a instanceof Error) return a.stack ? `${a.name}: ${a.message}\n${a.stack}` : `${a.name}: ${a.message}`;
      try {
        return JSON.stringify(a) ?? String(a);
      } catch {
        return String(a);
      }
    })
    .join(" ");
}

const log = Object.freeze({
  info: (...a: unknown[]) => void callSync("log", "info", formatLog(a)),
  warn: (...a: unknown[]) => void callSync("log", "warn", formatLog(a)),
  error: (...a: unknown[]) => void callSync("log", "error", formatLog(a)),
  debug: (...a: unknown[]) => void callSync("log", "debug", formatLog(a)),
});

g.console = Object.freeze({ log: log.info, info: log.info, warn: log.warn, error: log.error, debug: log.debug });

interface HostResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  url: string;
}

/** A fetch-like Response over the host's answer (body already read, as text). */
function makeResponse(r: HostResponse) {
  const parse = () => {
    try {
      return JSON.parse(r.body);
    } catch (error) {
      throw new SyntaxError(`the response from ${r.url} is not JSON: ${(error as Error).message}`);
    }
  };
  return {
    status: r.status,
    status_code: r.status,
    statusText: r.statusText,
    reason: r.statusText,
    ok: r.status >= 200 && r.status < 300,
    url: r.url,
    headers: Object.freeze({ ...r.headers, get: (name: string) => r.headers[String(name).toLowerCase()] ?? null }),
    content: r.body,
    body: r.body,
    text: async () => r.body,
    json: async () => parse(),
  };
}

/** The `response` given to http's response_check/response_filter: like Python requests (text is a property, json() sync). */
function makeRequestsResponse(r: HostResponse) {
  const base = makeResponse(r);
  return { ...base, text: r.body, json: () => JSON.parse(r.body) };
}

function isoFromMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(isoFromMarkers);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "$datetime") return o.$datetime;
    const out: Record<string, unknown> = {};
    for (const k of keys) Object.defineProperty(out, k, { value: isoFromMarkers(o[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

function makeCtx(context: TemplateContextData, args: unknown) {
  const plain = isoFromMarkers(context) as Record<string, unknown>;
  return {
    ...plain,
    args,
    log,
    xcom: Object.freeze({
      push: (key: string, value: unknown) => {
        if (typeof key !== "string" || !key) throw new TypeError("ctx.xcom.push(key, value) needs a non-empty string key");
        let json: string | undefined;
        try {
          json = JSON.stringify(value);
        } catch (error) {
          throw new TypeError(`ctx.xcom.push('${key}'): the value cannot be stored as JSON: ${(error as Error).message}`);
        }
        if (json === undefined) throw new TypeError(`ctx.xcom.push('${key}'): the value cannot be stored as JSON`);
        callSync("xcom.push", key, json);
      },
      pull: async (taskId?: string | string[], key = "return_value") => callAsync("xcom.pull", taskId ?? null, key),
    }),
    fetch: async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
      const r = (await callAsync("fetch", String(url), {
        method: init.method ?? "GET",
        headers: init.headers ?? {},
        body: init.body === undefined || init.body === null ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
      })) as HostResponse;
      return makeResponse(r);
    },
    conn: async (connectionId: string) => callAsync("conn", String(connectionId)),
    var: async (key: string, fallback?: string) => callAsync("var", String(key), fallback === undefined ? null : String(fallback)),
    skip: (reason = "skipped by the script"): never => {
      throw new SkipSignal(String(reason));
    },
  };
}

/** Runs a script: input `{ context, args, response? }`; with `response` (http's response_check/filter) the default export gets (response, ctx). */
g.__windsock_run_script = async (ns: any, inputJson: string): Promise<string> => {
  const input = JSON.parse(inputJson) as { context: TemplateContextData; args?: unknown; response?: HostResponse };
  const fn = ns && ns.default;
  if (typeof fn !== "function") {
    throw new TypeError("the script has no default export function; write `export default async (ctx) => { ... }`");
  }
  const ctx = makeCtx(input.context, input.args ?? {});
  try {
    const value = input.response ? await fn(makeRequestsResponse(input.response), ctx) : await fn(ctx);
    return toJson(value === undefined ? { kind: "ok" } : { kind: "ok", value });
  } catch (error) {
    if (error instanceof SkipSignal) return toJson({ kind: "skip", reason: error.reason });
    throw error;
  }
};
