// Helpers every built-in operator uses: the template context of the try, the script host
// wired to the ports, and sandbox limits that honour execution_timeout.
import type { ParamSpec } from "../../domain/dag/spec";
import { buildTemplateContext, type TemplateContextData } from "../templating/template-context";
import type { ScriptHost } from "../sandbox/run-script";
import { findSecretReferences, resolveTemplateSecrets } from "../secrets/template-references";
import { renderFields } from "../templating/render-fields";
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "../sandbox/sandbox-limits";
import { checkXComSize, DEFAULT_XCOM_MAX_BYTES } from "../xcom/xcom-limits";
import type { TaskTryRequest } from "../task-try";

/** The DAG's params as values (each normalized ParamSpec's `default`; null when it has none). */
export function paramValues(params: Record<string, ParamSpec>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) out[k] = v?.default === undefined ? null : v.default;
  return out;
}

export function templateContextOf(req: TaskTryRequest): TemplateContextData {
  return buildTemplateContext({
    dag_id: req.dag.dag_id,
    task_id: req.task.task_id,
    run_id: req.run.run_id,
    run_type: req.run.run_type,
    logical_date: req.run.logical_date,
    data_interval_start: req.run.data_interval_start,
    data_interval_end: req.run.data_interval_end,
    run_after: req.run.run_after,
    start_date: req.run.start_date,
    conf: req.run.conf,
    params: paramValues(req.dag.params),
    try_number: req.try_number,
    max_tries: req.max_tries,
    variables: req.settings?.variables,
  });
}

export function sandboxLimitsOf(req: TaskTryRequest): SandboxLimits {
  const limits = { ...DEFAULT_SANDBOX_LIMITS, ...req.settings?.sandbox };
  if (req.task.execution_timeout) limits.timeoutMs = req.task.execution_timeout;
  return limits;
}

export function xcomMaxBytesOf(req: TaskTryRequest): number {
  return req.settings?.xcomMaxBytes ?? DEFAULT_XCOM_MAX_BYTES;
}

/**
 * The host side of a script's ctx. Keyed pushes are buffered and written when the try ends
 * (`flush`), so the sandbox's push stays synchronous; pulls of the task's own keys see them.
 */
export function scriptHostOf(req: TaskTryRequest): ScriptHost & { flush(): Promise<void> } {
  const pushed = new Map<string, string>();
  const { dag_id } = req.dag;
  const { run_id } = req.run;
  const own = req.task.task_id;
  const pullOne = async (taskId: string, key: string): Promise<unknown> => {
    const json = taskId === own && pushed.has(key) ? pushed.get(key) : await req.ports.xcom.get({ dag_id, run_id, task_id: taskId, key });
    return json === undefined ? null : JSON.parse(json);
  };
  return {
    log: (level, message) => req.ports.log.log(level, message),
    xcomPush: (key, json) => {
      // Airflow's XCom key column holds 512 characters.
      if (key.length > 512) throw new Error(`XCom keys are at most 512 characters; this one has ${key.length}`);
      pushed.set(key, checkXComSize(own, key, json, xcomMaxBytesOf(req)));
    },
    xcomPull: async (taskIds, key) => {
      if (Array.isArray(taskIds)) return Promise.all(taskIds.map((t) => pullOne(String(t), key)));
      return pullOne(taskIds ?? own, key);
    },
    fetch: (url, init, signal) => req.ports.http.request({ url, method: init.method, headers: init.headers, body: init.body, signal }),
    conn: (id) => {
      if (!req.taskSecrets) throw new Error(`connections are not available to this task; cannot read '${id}'`);
      return req.taskSecrets.connection(id);
    },
    variable: (key, fallback) => {
      if (!req.taskSecrets) throw new Error(`variables are not available to this task; cannot read '${key}'`);
      return req.taskSecrets.variable(key, fallback === undefined ? {} : { default: fallback });
    },
    flush: async () => {
      for (const [key, json] of pushed) await req.ports.xcom.set({ dag_id, run_id, task_id: own, key }, json);
    },
  };
}

/**
 * Renders a task's templated fields: the connections and variables they name are read
 * first (audited, masked) and added to the context as `conn` and `var`.
 */
export async function renderTaskFields<T extends Record<string, unknown>>(req: TaskTryRequest, fields: T, context: TemplateContextData, limits: SandboxLimits): Promise<T> {
  let full = context;
  if (req.taskSecrets) {
    const refs = findSecretReferences(fields);
    if (refs.connections.length || refs.values.length || refs.jsons.length) {
      full = { ...context, ...(await resolveTemplateSecrets(fields, req.taskSecrets)) };
    }
  }
  const rendered = await renderFields(fields, full, limits, req.renderer);
  req.onRenderedFields?.(rendered);
  return rendered;
}

/** Python truthiness, which decides short_circuit (an empty list or dict is falsy there). */
export function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value as object).length > 0;
  return true;
}
