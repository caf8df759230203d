// `time_delta_sensor` (Airflow's TimeDeltaSensor: waits until data_interval_end + delta) and
// `date_time_sensor` (DateTimeSensor: waits until the templated target_time). They need no
// I/O: they know when they will succeed, so poke mode sleeps until then and reschedule mode
// reschedules straight to it (never past the sensor's timeout).
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { TaskFailure } from "../task-try";
import { renderTaskFields, sandboxLimitsOf, templateContextOf } from "./operator-kit";
import { runSensor } from "./sensor-kit";

export async function executeTimeDeltaSensor(req: TaskTryRequest): Promise<OperatorOutcome> {
  const { run, task } = req;
  // Airflow 3 falls back to the logical date when the run has no data interval; a run without
  // either (manual, Airflow 3 style) counts from when it was asked to run.
  const base = run.data_interval_end ?? run.logical_date ?? run.run_after;
  const target = Date.parse(base) + (task.delta ?? 0);
  req.ports.log.log("info", `Waiting until ${new Date(target).toISOString()} (data_interval_end ${base} + delta)`);
  return waitUntil(req, target);
}

export async function executeDateTimeSensor(req: TaskTryRequest): Promise<OperatorOutcome> {
  const rendered = await renderTaskFields(req, { target_time: req.task.target_time ?? "" }, templateContextOf(req), sandboxLimitsOf(req));
  const target = parseTargetTime(rendered.target_time);
  req.ports.log.log("info", `Checking if the time (${new Date(target).toISOString()}) has come`);
  return waitUntil(req, target);
}

function waitUntil(req: TaskTryRequest, target: number): Promise<OperatorOutcome> {
  return runSensor(req, async () => (req.ports.clock.now() > target ? { done: true } : { done: false, until: target + 1 }));
}

/** An ISO-8601 instant ("2024-03-01T06:00:00Z", "2024-03-01 06:00:00+00:00"); without an offset it is UTC, as Airflow's timezone.parse. */
export function parseTargetTime(text: string): number {
  const trimmed = text.trim().replace(" ", "T");
  const withZone = /(Z|[+-]\d\d:?\d\d)$/i.test(trimmed) || !/T/.test(trimmed) ? trimmed : `${trimmed}Z`;
  const ms = Date.parse(/T/.test(withZone) ? withZone : `${withZone}T00:00:00Z`);
  if (!trimmed || Number.isNaN(ms)) {
    throw new TaskFailure(`target_time '${text}' is not a date and time; give an ISO-8601 instant such as 2024-03-01T06:00:00Z or a template like {{ data_interval_end }}`, false);
  }
  return ms;
}
