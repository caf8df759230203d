// Builds the Airflow 3.1 template context (task_runner's get_template_context) as JSON
// data for the sandbox. Datetimes travel as `{ "$datetime": iso }` markers: templates see
// DateTime values, scripts see ISO strings.

export type TemplateContextData = Record<string, unknown>;

export interface TemplateContextInput {
  dag_id: string;
  task_id: string;
  run_id: string;
  run_type: "manual" | "scheduled" | "backfill" | "asset_triggered";
  /** UTC ISO-8601 instants; null for a run without a logical date. */
  logical_date: string | null;
  data_interval_start: string | null;
  data_interval_end: string | null;
  run_after?: string | null;
  start_date?: string | null;
  conf: Record<string, unknown>;
  /** The DAG's params, resolved to values (defaults applied), before conf is applied. */
  params: Record<string, unknown>;
  try_number: number;
  max_tries?: number;
  map_index?: number;
  /** Variables the task may read as `var.value.KEY` / `var.json.KEY` (issue 8 supplies real ones). */
  variables?: Record<string, string>;
}

const dt = (iso: string | null | undefined) => (iso ? { $datetime: toPythonIso(iso) } : null);

/** `2021-01-01T00:00:00Z` → `2021-01-01T00:00:00+00:00`, as Python's isoformat() prints a UTC DateTime. */
export function toPythonIso(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not an ISO-8601 instant: ${iso}`);
  const micros = /\.(\d{1,6})/.exec(iso)?.[1];
  const base = d.toISOString().slice(0, 19);
  const frac = micros && Number(micros) !== 0 ? "." + micros.padEnd(6, "0") : "";
  return `${base}${frac}+00:00`;
}

/** Airflow's process_params: DAG params, then dag_run.conf overriding (and extending) them. */
export function mergeParams(params: Record<string, unknown>, conf: Record<string, unknown>): Record<string, unknown> {
  return { ...params, ...conf };
}

export function buildTemplateContext(input: TemplateContextInput): TemplateContextData {
  const params = mergeParams(input.params, input.conf);
  const ti = {
    dag_id: input.dag_id,
    task_id: input.task_id,
    run_id: input.run_id,
    try_number: input.try_number,
    map_index: input.map_index ?? -1,
    max_tries: input.max_tries ?? 0,
  };
  const context: TemplateContextData = {
    dag: { dag_id: input.dag_id },
    task: { task_id: input.task_id, dag_id: input.dag_id },
    task_instance: ti,
    ti,
    run_id: input.run_id,
    params,
    try_number: input.try_number,
    map_index: input.map_index ?? -1,
    dag_id: input.dag_id,
    task_id: input.task_id,
    dag_run: {
      dag_id: input.dag_id,
      run_id: input.run_id,
      run_type: input.run_type,
      logical_date: dt(input.logical_date),
      data_interval_start: dt(input.data_interval_start),
      data_interval_end: dt(input.data_interval_end),
      run_after: dt(input.run_after ?? input.logical_date),
      start_date: dt(input.start_date),
      conf: input.conf,
    },
    task_instance_key_str: `${input.dag_id}__${input.task_id}__${input.run_id}`,
    task_reschedule_count: 0,
    prev_start_date_success: null,
    prev_end_date_success: null,
    var: { value: input.variables ?? {}, json: parseJsonVariables(input.variables ?? {}) },
    conn: {},
    inlets: [],
    outlets: [],
  };
  if (input.logical_date) {
    const ts = toPythonIso(input.logical_date);
    const ds = ts.slice(0, 10);
    const ds_nodash = ds.replace(/-/g, "");
    Object.assign(context, {
      logical_date: dt(input.logical_date),
      ds,
      ds_nodash,
      ts,
      ts_nodash: ts.slice(0, 19).replace(/[-:]/g, ""),
      ts_nodash_with_tz: ts.replace(/[-:]/g, ""),
      task_instance_key_str: `${input.dag_id}__${input.task_id}__${ds_nodash}`,
      data_interval_start: dt(input.data_interval_start),
      data_interval_end: dt(input.data_interval_end),
      prev_data_interval_start_success: null,
      prev_data_interval_end_success: null,
    });
  }
  return context;
}

function parseJsonVariables(vars: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(vars)) {
    try {
      out[k] = JSON.parse(v);
    } catch {
      // Not JSON: var.json.KEY stays undefined, as Airflow fails to deserialize it.
    }
  }
  return out;
}
