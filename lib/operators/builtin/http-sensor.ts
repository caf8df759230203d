// `http_sensor` (Airflow's HttpSensor): GETs the endpoint (method, headers and data as the
// http operator; for GET `data` becomes query parameters) each poke. A 404 means "not yet"
// (Airflow's response_error_codes_allowlist); any other error status fails the task. With a
// response_check, its truthy result ends the sensor, a falsy one pokes again; without one any
// successful answer does. Uses the http operator's client and its outbound policy.
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { failOnErrorStatus, prepareHttpCall, runResponseScript } from "./http-operator";
import { pythonTruthy } from "./operator-kit";
import { runSensor, SensorSkip } from "./sensor-kit";

/** Statuses that mean "poke again" rather than failure (Airflow's default allowlist). */
const NOT_YET_STATUSES = new Set([404]);

export async function executeHttpSensor(req: TaskTryRequest): Promise<OperatorOutcome> {
  const { task } = req;
  const { context, limits, method, url, send } = await prepareHttpCall(req, "GET");
  return runSensor(req, async () => {
    req.ports.log.log("info", `Poking: ${method} ${url}`);
    const response = await send();
    if (NOT_YET_STATUSES.has(response.status)) return { done: false };
    failOnErrorStatus(req, response);
    if (!task.response_check) return { done: true };
    const check = await runResponseScript(req, task.response_check, "response_check", response, context, limits);
    if (check.kind === "skip") throw new SensorSkip(check.reason);
    return pythonTruthy(check.value) ? { done: true } : { done: false };
  });
}
