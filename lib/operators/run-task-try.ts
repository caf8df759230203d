// Runs one try of one task with a built-in operator: clears the task's old XComs, executes,
// stores return_value (size-checked), and turns every error into a failed result whose
// message says what went wrong. The caller (driver or activity) reports the result.
import type { OperatorName } from "../domain/dag/spec";
import { executeBranch } from "./builtin/branch-operator";
import { executeEmpty } from "./builtin/empty-operator";
import { executeHttp } from "./builtin/http-operator";
import { executeHttpSensor } from "./builtin/http-sensor";
import { executeExternalTaskSensor } from "./builtin/external-task-sensor";
import { executeLatestOnly } from "./builtin/latest-only-operator";
import { xcomMaxBytesOf } from "./builtin/operator-kit";
import { executeScript } from "./builtin/script-operator";
import { executeShortCircuit } from "./builtin/short-circuit-operator";
import { executeDateTimeSensor, executeTimeDeltaSensor } from "./builtin/time-sensors";
import { TaskFailure, type OperatorOutcome, type TaskTryRequest, type TaskTryResult } from "./task-try";
import { serializeXCom } from "./xcom/xcom-limits";
import { maskingLogger } from "./secrets/masking-writer";
import { SecretMasker } from "./secrets/secret-masker";
import { TaskSecrets } from "./secrets/task-secrets";
import { capRenderedFields } from "./templating/cap-rendered-fields";

type Execute = (req: TaskTryRequest) => Promise<OperatorOutcome>;

export const BUILTIN_OPERATORS: Partial<Record<OperatorName, Execute>> = {
  empty: executeEmpty,
  script: executeScript,
  branch: executeBranch,
  short_circuit: executeShortCircuit,
  latest_only: executeLatestOnly,
  http: executeHttp,
  http_sensor: executeHttpSensor,
  external_task_sensor: executeExternalTaskSensor,
  time_delta_sensor: executeTimeDeltaSensor,
  date_time_sensor: executeDateTimeSensor,
};

/** Operators that parse but do not run yet, with what they wait for. */
const NOT_YET: Partial<Record<OperatorName, string>> = {
  sql_sensor: "the 'sql_sensor' operator cannot run yet: it needs the sql operator, which arrives in a later version",
};

export async function runTaskTry(request: TaskTryRequest): Promise<TaskTryResult> {
  // Every secret the try reads is registered with its masker, so the log, error messages and
  // the return value shown to people have it replaced by ***; the stored XCom keeps the value.
  const masker = new SecretMasker();
  const reader = { dag_id: request.dag.dag_id, run_id: request.run.run_id, task_id: request.task.task_id, try_number: request.try_number };
  const rendered: Record<string, unknown> = {};
  const req: TaskTryRequest = {
    ...request,
    ports: { ...request.ports, log: maskingLogger(request.ports.log, masker) },
    taskSecrets: request.secrets ? new TaskSecrets(request.secrets, masker, reader) : undefined,
    onRenderedFields: request.onRenderedFields ? (fields) => Object.assign(rendered, fields) : undefined,
  };
  const result = await runTaskTryUnmasked(req);
  // Masked at the end, so secrets the task read after rendering are masked too.
  if (request.onRenderedFields && Object.keys(rendered).length) request.onRenderedFields(capRenderedFields(masker.redactValue(rendered)));
  if (masker.size === 0) return result;
  if (result.state === "failed") return { ...result, error: masker.redact(result.error) };
  if (result.state === "skipped") return { ...result, reason: masker.redact(result.reason) };
  if (result.state === "rescheduled") return result;
  if (result.return_value !== undefined) return { ...result, return_value: redactValue(result.return_value, masker) };
  return result;
}

function redactValue(value: unknown, masker: SecretMasker): unknown {
  if (typeof value === "string") return masker.redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, masker));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: redactValue(v, masker), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

async function runTaskTryUnmasked(req: TaskTryRequest): Promise<TaskTryResult> {
  const { task, dag, run } = req;
  const execute = BUILTIN_OPERATORS[task.operator];
  if (!execute) {
    return { state: "failed", error: NOT_YET[task.operator] ?? `the '${task.operator}' operator cannot run here yet (not implemented in this version)`, retryable: false };
  }
  try {
    await req.ports.xcom.clearTask(dag.dag_id, run.run_id, task.task_id);
    const outcome = await withExecutionTimeout(req, execute);
    if (outcome.kind === "skipped") return { state: "skipped", reason: outcome.reason };
    if (outcome.kind === "reschedule") return { state: "rescheduled", reschedule_at: new Date(outcome.at).toISOString() };
    const result: TaskTryResult = { state: "success" };
    if (outcome.skip) result.skip = outcome.skip;
    if (outcome.value !== undefined && outcome.value !== null && task.do_xcom_push !== false) {
      const json = serializeXCom(task.task_id, "return_value", outcome.value, xcomMaxBytesOf(req));
      await req.ports.xcom.set({ dag_id: dag.dag_id, run_id: run.run_id, task_id: task.task_id, key: "return_value" }, json);
      result.return_value = JSON.parse(json);
    }
    return result;
  } catch (error) {
    const message = describeError(error);
    req.ports.log.log("error", `Task failed: ${message}`);
    const stack = (error as { scriptStack?: string }).scriptStack;
    // Frames of our own guest code (<windsock…>) say nothing to the user.
    const userFrames = stack?.split("\n").filter((l) => l.trim() && !l.includes("<windsock")).join("\n");
    if (userFrames) req.ports.log.log("error", userFrames);
    return { state: "failed", error: message, retryable: !(error instanceof TaskFailure) || error.retryable };
  }
}

async function withExecutionTimeout(req: TaskTryRequest, execute: Execute): Promise<OperatorOutcome> {
  const limit = req.task.execution_timeout;
  if (!limit) return execute(req);
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Aborted at the limit too, so whatever the try still waits for (a sensor's sleep) stops.
  const stop = new AbortController();
  const signal = req.signal ? AbortSignal.any([req.signal, stop.signal]) : stop.signal;
  try {
    return await Promise.race([
      execute({ ...req, signal }),
      new Promise<never>((_, reject) => {
        // A little grace so the sandbox's own deadline, which names the limit, wins when it applies.
        timer = setTimeout(() => {
          const error = new Error(`the task ran longer than its execution_timeout of ${limit} ms`);
          stop.abort(error);
          reject(error);
        }, limit + 250);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
