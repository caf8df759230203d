// `http` (Airflow's HttpOperator): endpoint (a full URL for now), method (default POST),
// headers and data are templated; response_check and response_filter are small scripts
// run in the sandbox with (response, ctx). The result (response text, or the filter's
// value) becomes the return_value XCom.
import { callableModule, runScript } from "../sandbox/run-script";
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { TaskFailure } from "../task-try";
import { pythonTruthy, renderTaskFields, sandboxLimitsOf, scriptHostOf, templateContextOf } from "./operator-kit";
import type { HttpResponse } from "../http/outbound-http-client";
import type { SandboxLimits } from "../sandbox/sandbox-limits";
import type { TemplateContextData } from "../templating/template-context";

/**
 * The templated request of an `http` task or `http_sensor` (endpoint, headers, data rendered
 * once per try) and `send`, which makes it with the try's cancellation and execution_timeout
 * and logs the answer's status.
 */
export async function prepareHttpCall(req: TaskTryRequest, defaultMethod: "GET" | "POST") {
  const { task } = req;
  const context = templateContextOf(req);
  const limits = sandboxLimitsOf(req);
  const rendered = await renderTaskFields(req, { endpoint: task.endpoint ?? "", headers: task.headers ?? {}, data: task.data ?? null }, context, limits);
  const method = (task.method ?? defaultMethod).toUpperCase();
  const { url, headers, body } = buildRequest(method, rendered.endpoint, rendered.headers, rendered.data);
  const send = async (): Promise<HttpResponse> => {
    const response = await req.ports.http.request({
      method,
      url,
      headers,
      body,
      signal: anySignal(req.signal, task.execution_timeout ? AbortSignal.timeout(task.execution_timeout) : undefined),
    });
    req.ports.log.log("info", `Response: ${response.status} ${response.statusText}`);
    return response;
  };
  return { context, limits, method, url, send };
}

/** An error status fails the task, with the start of the body in the log. */
export function failOnErrorStatus(req: TaskTryRequest, response: HttpResponse): void {
  if (response.status < 400) return;
  req.ports.log.log("error", response.body.slice(0, 2000));
  throw new TaskFailure(`${response.status}:${response.statusText} from ${response.url}`);
}

export async function executeHttp(req: TaskTryRequest): Promise<OperatorOutcome> {
  const { task } = req;
  const { context, limits, method, url, send } = await prepareHttpCall(req, "POST");
  req.ports.log.log("info", `Calling HTTP method ${method} ${url}`);
  const response = await send();
  failOnErrorStatus(req, response);
  const run = (source: string, field: string) => runResponseScript(req, source, field, response, context, limits);
  if (task.response_check) {
    const check = await run(task.response_check, "response_check");
    if (check.kind === "skip") return { kind: "skipped", reason: check.reason };
    if (!pythonTruthy(check.value)) throw new TaskFailure("Response check returned False.");
  }
  if (task.response_filter) {
    const filtered = await run(task.response_filter, "response_filter");
    if (filtered.kind === "skip") return { kind: "skipped", reason: filtered.reason };
    return filtered.value === undefined || filtered.value === null ? { kind: "returned" } : { kind: "returned", value: filtered.value };
  }
  return { kind: "returned", value: responseText(response) };
}

/** Runs a response_check / response_filter script with (response, ctx) in the sandbox. */
export async function runResponseScript(req: TaskTryRequest, source: string, field: string, response: HttpResponse, context: TemplateContextData, limits: SandboxLimits) {
  const host = scriptHostOf(req);
  try {
    return await runScript({
      code: callableModule(source),
      language: "ts",
      filename: `${req.dag.dag_id}/${req.task.task_id}.${field}.ts`,
      context,
      args: {},
      response,
      host,
      limits,
      signal: req.signal,
    });
  } finally {
    await host.flush();
  }
}

export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
}

function responseText(r: HttpResponse): string {
  return r.body;
}

/**
 * requests' handling of `data`: for GET and HEAD it becomes query parameters; otherwise the
 * body (a mapping is form-encoded, unless a JSON content type is set, then it is JSON).
 */
export function buildRequest(
  method: string,
  endpoint: string,
  headers: Record<string, string>,
  data: unknown,
): { url: string; headers: Record<string, string>; body?: string } {
  if (!endpoint) throw new TaskFailure("the http task has no endpoint; give a full URL such as https://api.example.com/users", false);
  const out = { ...headers };
  if (data === null || data === undefined || data === "") return { url: endpoint, headers: out };
  if (method === "GET" || method === "HEAD") {
    const url = new URL(endpoint);
    if (typeof data === "string") url.search = url.search ? `${url.search}&${data}` : data;
    else if (typeof data === "object") for (const [k, v] of Object.entries(data as object)) appendParam(url, k, v);
    return { url: url.toString(), headers: out };
  }
  if (typeof data === "string") return { url: endpoint, headers: out, body: data };
  const contentType = Object.entries(out).find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
  if (/json/i.test(contentType) || Array.isArray(data)) {
    if (!contentType) out["Content-Type"] = "application/json";
    return { url: endpoint, headers: out, body: JSON.stringify(data) };
  }
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(data as object)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, stringify(item));
  if (!contentType) out["Content-Type"] = "application/x-www-form-urlencoded";
  return { url: endpoint, headers: out, body: form.toString() };
}

function appendParam(url: URL, key: string, value: unknown) {
  if (value === null || value === undefined) return;
  for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, stringify(item));
}

function stringify(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === true) return "True";
  if (v === false) return "False";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}
