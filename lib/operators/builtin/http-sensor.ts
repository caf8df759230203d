// `http_sensor` (Airflow's HttpSensor): GETs the endpoint (method, headers and data as the
// http operator; for GET `data` becomes query parameters) each poke. A 404 means "not yet"
// (Airflow's response_error_codes_allowlist); any other error status fails the task. With a
// response_check, its truthy result ends the sensor, a falsy one pokes again; without one any
// successful answer does. Uses the http operator's client and its outbound policy.
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { TaskFailure } from "../task-try";
import { anySignal, buildRequest, runResponseScript } from "./http-operator";
import { pythonTruthy, renderTaskFields, sandboxLimitsOf, templateContextOf } from "./operator-kit";
import { runSensor, SensorSkip } from "./sensor-kit";

/** Statuses that mean "poke again" rather than failure (Airflow's default allowlist). */
const NOT_YET_STATUSES = new Set([404]);

export async function executeHttpSensor(req: TaskTryRequest): Promise<OperatorOutcome> {
  const { task } = req;
  const context = templateContextOf(req);
  const limits = sandboxLimitsOf(req);
  const rendered = await renderTaskFields(req, { endpoint: task.endpoint ?? "", headers: task.headers ?? {}, data: task.data ?? null }, context, limits);
  const method = (task.method ?? "GET").toUpperCase();
  const { url, headers, body } = buildRequest(method, rendered.endpoint, rendered.headers, rendered.data);
  return runSensor(req, async () => {
    req.ports.log.log("info", `Poking: ${method} ${url}`);
    const response = await req.ports.http.request({
      method,
      url,
      headers,
      body,
      signal: anySignal(req.signal, task.execution_timeout ? AbortSignal.timeout(task.execution_timeout) : undefined),
    });
    req.ports.log.log("info", `Response: ${response.status} ${response.statusText}`);
    if (NOT_YET_STATUSES.has(response.status)) return { done: false };
    if (response.status >= 400) {
      req.ports.log.log("error", response.body.slice(0, 2000));
      throw new TaskFailure(`${response.status}:${response.statusText} from ${response.url}`);
    }
    if (!task.response_check) return { done: true };
    const check = await runResponseScript(req, task.response_check, "response_check", response, context, limits);
    if (check.kind === "skip") throw new SensorSkip(check.reason);
    return pythonTruthy(check.value) ? { done: true } : { done: false };
  });
}
