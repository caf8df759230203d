// The canonical DagSpec: what a DAG file (YAML/JSON) or the TypeScript SDK turns into,
// what is hashed into a DagVersion, and what the run engine and scheduler read.
//
// Two shapes live here:
//   - DagFile: the file as written (zod schema `DagFileSchema`), Airflow field names,
//     durations as ISO-8601 strings ("PT5M", "P1D"), instants as ISO-8601 strings.
//   - DagSpec: the normalized form (`normalizeDagFile`), with every default applied,
//     default_args merged (DAG < outer group < inner group < task), task-group ids
//     expanded to full ids "<group>.<task>", upstream lists resolved to full task ids,
//     and the bare `schedule` resolved to an explicit `timetable` for the environment's
//     defaults mode (Airflow 3 or Airflow 2).
//
// Units in DagSpec (stable contract, other modules depend on it):
//   - every fixed duration is an integer number of MILLISECONDS (field names unchanged:
//     `retry_delay`, `execution_timeout`, `dagrun_timeout`, `poke_interval`, ...);
//     "no limit" is `null`.
//   - a timetable step (`delta`, `interval`) is a CalendarDelta { months, ms }: months
//     are calendar steps (as Python's relativedelta), ms are fixed (as timedelta).
//   - every instant is an ISO-8601 UTC string ending in "Z" (e.g. "2021-03-11T00:00:00Z").
//
// normalizeDagFile assumes the file passed validation (see validate-dag.ts); it does not
// re-check what the validator reports.
import { z } from "zod";

// ---------------------------------------------------------------------------------------
// Names

/** Trigger rules of Airflow 3.1 (airflow/task/trigger_rule.py). */
export const TRIGGER_RULES = [
  "all_success",
  "all_failed",
  "all_done",
  "all_done_min_one_success",
  "all_done_setup_success",
  "one_success",
  "one_failed",
  "one_done",
  "none_failed",
  "none_failed_min_one_success",
  "none_skipped",
  "all_skipped",
  "always",
] as const;
export type TriggerRule = (typeof TRIGGER_RULES)[number];

export const OPERATOR_NAMES = [
  "empty",
  "http",
  "http_sensor",
  "sql",
  "sql_sensor",
  "script",
  "branch",
  "short_circuit",
  "latest_only",
  "trigger_dag_run",
  "external_task_sensor",
  "date_time_sensor",
  "time_delta_sensor",
  "notify",
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

export const SENSOR_OPERATORS: readonly OperatorName[] = [
  "http_sensor",
  "sql_sensor",
  "external_task_sensor",
  "date_time_sensor",
  "time_delta_sensor",
];

export const TIMETABLE_TYPES = [
  "cron_data_interval",
  "cron_trigger",
  "delta_data_interval",
  "delta_trigger",
  "once",
  "continuous",
] as const;
export type TimetableType = (typeof TIMETABLE_TYPES)[number];

/** Airflow's cron presets (airflow/utils/dates.py), plus the two non-cron presets. */
export const CRON_PRESETS: Readonly<Record<string, string>> = {
  "@hourly": "0 * * * *",
  "@daily": "0 0 * * *",
  "@weekly": "0 0 * * 0",
  "@monthly": "0 0 1 * *",
  "@quarterly": "0 0 1 */3 *",
  "@yearly": "0 0 1 1 *",
};

/** "airflow3": cron -> cron_trigger, duration -> delta_trigger, catchup false (the default).
 *  "airflow2": cron -> cron_data_interval, duration -> delta_data_interval, catchup true. */
export type DefaultsMode = "airflow3" | "airflow2";
export const DEFAULTS_MODES = ["airflow3", "airflow2"] as const;

// ---------------------------------------------------------------------------------------
// Normalized DagSpec (the contract)

export interface CalendarDelta {
  /** Calendar months (years * 12 + months), applied first, as relativedelta does. */
  months: number;
  /** Fixed milliseconds (weeks, days = 24 h, hours, minutes, seconds), as timedelta. */
  ms: number;
}

export type TimetableSpec =
  /** schedule: null — manual runs only (Airflow's NullTimetable). */
  | { type: "none" }
  | { type: "once" }
  | { type: "continuous" }
  | { type: "cron_data_interval"; cron: string; timezone: string }
  | {
      type: "cron_trigger";
      cron: string;
      timezone: string;
      /** Data interval ending at the tick; zero (months 0, ms 0) means none. */
      interval: CalendarDelta;
      /** true | false | a buffer in ms (Airflow's run_immediately). */
      run_immediately: boolean | number;
    }
  | { type: "delta_data_interval"; delta: CalendarDelta }
  | { type: "delta_trigger"; delta: CalendarDelta; interval: CalendarDelta };

/** A JSON-schema-like param as in Airflow's Param; `default` is the value. */
export interface ParamSpec {
  default?: unknown;
  type?: string | string[];
  description?: string;
  title?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  required?: string[];
  minItems?: number;
  maxItems?: number;
}

/** Fields every task has after normalization. */
export interface TaskCommon {
  /** Full id: "<group>.<task>" inside task groups (nested groups: "<outer>.<inner>.<task>"). */
  task_id: string;
  operator: OperatorName;
  /** Full ids of direct upstream tasks, in the order written, no duplicates. */
  upstream: string[];
  /** Full ids of direct downstream tasks (derived from `upstream`, sorted). */
  downstream: string[];
  trigger_rule: TriggerRule;
  retries: number;
  /** ms */
  retry_delay: number;
  /** Multiplier; 0 = off. `true` in a file means 2.0 (Airflow's default base). */
  retry_exponential_backoff: number;
  /** ms or null (no cap beyond Airflow's 24 h ceiling). */
  max_retry_delay: number | null;
  /** ms or null (no timeout). */
  execution_timeout: number | null;
  depends_on_past: boolean;
  wait_for_downstream: boolean;
  pool: string;
  pool_slots: number;
  /** ms or null. */
  sla: number | null;
  /** Full id of the innermost task group, or null. */
  task_group: string | null;
  owner: string;
  doc_md: string | null;
  do_xcom_push: boolean;
  /** Only when the file sets it (Airflow's default is 1), so specs written before keep their hash. */
  priority_weight?: number;
  /** Only when the file sets it (Airflow's default is "downstream"). */
  weight_rule?: WeightRule;
}

/** How a task's effective priority is summed (Airflow's WeightRule); see lib/domain/dag/priority-weights.ts. */
export const WEIGHT_RULES = ["downstream", "upstream", "absolute"] as const;
export type WeightRule = (typeof WEIGHT_RULES)[number];

/**
 * Operator-specific fields, kept flat at the task's top level (as in the file).
 * Which fields an operator accepts is listed in OPERATOR_FIELDS; unknown ones are
 * rejected by validation, so anything present here was meant by the author.
 * Sensor durations (`poke_interval`, `timeout`, `execution_delta`, `delta`) are ms.
 */
export interface OperatorFields {
  // script, branch, short_circuit
  code?: string;
  args?: Record<string, unknown>;
  ignore_downstream_trigger_rules?: boolean;
  // http, http_sensor
  endpoint?: string;
  method?: string;
  headers?: Record<string, string>;
  data?: unknown;
  response_check?: string;
  response_filter?: string;
  http_conn_id?: string;
  // sql, sql_sensor
  conn_id?: string;
  sql?: string;
  parameters?: unknown[] | Record<string, unknown>;
  fail_on_empty?: boolean;
  // trigger_dag_run
  trigger_dag_id?: string;
  trigger_run_id?: string;
  conf?: Record<string, unknown>;
  logical_date?: string;
  reset_dag_run?: boolean;
  wait_for_completion?: boolean;
  // external_task_sensor
  external_dag_id?: string;
  external_task_id?: string;
  external_task_ids?: string[];
  external_task_group_id?: string;
  allowed_states?: string[];
  failed_states?: string[];
  skipped_states?: string[];
  execution_delta?: number;
  // date_time_sensor
  target_time?: string;
  // time_delta_sensor
  delta?: number;
  // every sensor (defaults applied: poke_interval 60 s, timeout 7 days, mode "poke")
  poke_interval?: number;
  timeout?: number;
  mode?: "poke" | "reschedule";
  soft_fail?: boolean;
  exponential_backoff?: boolean;
  // notify
  channel?: "email" | "slack" | "webhook";
  to?: string[];
  subject?: string;
  message?: string;
  url?: string;
}

export type TaskSpec = TaskCommon & OperatorFields;

export interface TaskGroupSpec {
  /** Full id ("<outer>.<inner>" for nested groups). */
  group_id: string;
  parent_group: string | null;
  tooltip: string | null;
}

export interface DagSpec {
  dag_id: string;
  description: string | null;
  /** The schedule as written (`null` when a `timetable` was given or none at all). */
  schedule: string | null;
  timetable: TimetableSpec;
  start_date: string | null;
  end_date: string | null;
  catchup: boolean;
  timezone: string;
  max_active_runs: number;
  max_active_tasks: number;
  /** ms or null. */
  dagrun_timeout: number | null;
  is_paused_upon_creation: boolean;
  tags: string[];
  params: Record<string, ParamSpec>;
  doc_md: string | null;
  task_groups: TaskGroupSpec[];
  /** In file order. */
  tasks: TaskSpec[];
}

// ---------------------------------------------------------------------------------------
// The file as written (zod). Structural checks only; cross-field and semantic checks
// (cycles, upstream ids, cron ranges, params vs schema, ...) are in validate-dag.ts.

export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const DAG_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;
/** ISO-8601 duration: PnYnMnWnDTnHnMnS, fractional seconds allowed. */
export const ISO_DURATION_PATTERN =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,6})?)S)?)?$/;

const durationString = z.string().regex(ISO_DURATION_PATTERN, {
  message: "is not an ISO-8601 duration",
});
const instantString = z.string();
const idString = z.string().max(250).regex(ID_PATTERN, {
  message: "may contain only letters, digits, '_' and '-'",
});
const stringMap = z.record(z.string(), z.string());
const jsonObject = z.record(z.string(), z.unknown());

/** Every field a task may set in a file, besides operator fields; also what default_args may hold. */
export const TaskCommonFileSchema = z.object({
  task_id: idString,
  operator: z.string(),
  upstream: z.array(z.string()),
  trigger_rule: z.string(),
  retries: z.number().int().min(0).max(1000),
  retry_delay: durationString,
  retry_exponential_backoff: z.union([z.boolean(), z.number().min(1).max(100)]),
  max_retry_delay: durationString.nullable(),
  execution_timeout: durationString.nullable(),
  depends_on_past: z.boolean(),
  wait_for_downstream: z.boolean(),
  pool: z.string().min(1).max(256),
  pool_slots: z.number().int().min(1),
  sla: durationString.nullable(),
  task_group: z.string(),
  owner: z.string(),
  doc_md: z.string().nullable(),
  do_xcom_push: z.boolean(),
  priority_weight: z.number().int().min(-2_147_483_648).max(2_147_483_647),
  weight_rule: z.enum(WEIGHT_RULES),
});

export const OperatorFieldsFileSchema = z.object({
  code: z.string(),
  args: jsonObject,
  ignore_downstream_trigger_rules: z.boolean(),
  endpoint: z.string(),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
  headers: stringMap,
  data: z.unknown(),
  response_check: z.string(),
  response_filter: z.string(),
  http_conn_id: z.string(),
  conn_id: z.string(),
  sql: z.string(),
  parameters: z.union([z.array(z.unknown()), jsonObject]),
  fail_on_empty: z.boolean(),
  trigger_dag_id: z.string().regex(DAG_ID_PATTERN),
  trigger_run_id: z.string(),
  conf: jsonObject,
  logical_date: z.string(),
  reset_dag_run: z.boolean(),
  wait_for_completion: z.boolean(),
  external_dag_id: z.string().regex(DAG_ID_PATTERN),
  external_task_id: z.string(),
  external_task_ids: z.array(z.string()),
  external_task_group_id: z.string(),
  allowed_states: z.array(z.string()),
  failed_states: z.array(z.string()),
  skipped_states: z.array(z.string()),
  execution_delta: durationString,
  target_time: z.string(),
  delta: durationString,
  poke_interval: durationString,
  timeout: durationString,
  mode: z.enum(["poke", "reschedule"]),
  soft_fail: z.boolean(),
  exponential_backoff: z.boolean(),
  channel: z.enum(["email", "slack", "webhook"]),
  to: z.array(z.string()),
  subject: z.string(),
  message: z.string(),
  url: z.string(),
});

type OperatorFieldName = keyof z.infer<typeof OperatorFieldsFileSchema>;

const SENSOR_FIELDS: OperatorFieldName[] = ["poke_interval", "timeout", "mode", "soft_fail", "exponential_backoff"];

/** Which operator fields each operator accepts; `required` must be present. */
export const OPERATOR_FIELDS: Record<OperatorName, { required: OperatorFieldName[]; optional: OperatorFieldName[] }> = {
  empty: { required: [], optional: [] },
  script: { required: ["code"], optional: ["args"] },
  branch: { required: ["code"], optional: ["args"] },
  short_circuit: { required: ["code"], optional: ["args", "ignore_downstream_trigger_rules"] },
  latest_only: { required: [], optional: [] },
  http: {
    required: ["endpoint"],
    optional: ["method", "headers", "data", "response_check", "response_filter", "http_conn_id"],
  },
  http_sensor: {
    required: ["endpoint"],
    optional: ["method", "headers", "data", "response_check", "http_conn_id", ...SENSOR_FIELDS],
  },
  sql: { required: ["conn_id", "sql"], optional: ["parameters"] },
  sql_sensor: { required: ["conn_id", "sql"], optional: ["parameters", "fail_on_empty", ...SENSOR_FIELDS] },
  trigger_dag_run: {
    required: ["trigger_dag_id"],
    optional: [
      "trigger_run_id",
      "conf",
      "logical_date",
      "reset_dag_run",
      "wait_for_completion",
      "poke_interval",
      "allowed_states",
      "failed_states",
    ],
  },
  external_task_sensor: {
    required: ["external_dag_id"],
    optional: [
      "external_task_id",
      "external_task_ids",
      "external_task_group_id",
      "allowed_states",
      "failed_states",
      "skipped_states",
      "execution_delta",
      ...SENSOR_FIELDS,
    ],
  },
  date_time_sensor: { required: ["target_time"], optional: SENSOR_FIELDS },
  time_delta_sensor: { required: ["delta"], optional: SENSOR_FIELDS },
  notify: { required: ["channel", "message"], optional: ["to", "subject", "url", "conn_id"] },
};

/** OPERATOR_FIELDS as sets, for lookups in hot loops. */
export const OPERATOR_ALLOWED_FIELDS: Record<OperatorName, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(OPERATOR_FIELDS).map(([op, f]) => [op, new Set<string>([...f.required, ...f.optional])]),
) as unknown as Record<OperatorName, ReadonlySet<string>>;

/** Operator fields holding durations (ISO in the file, ms in the spec). */
export const OPERATOR_DURATION_FIELDS: readonly OperatorFieldName[] = [
  "poke_interval",
  "timeout",
  "execution_delta",
  "delta",
];

const DURATION_FIELD_SET: ReadonlySet<string> = new Set(OPERATOR_DURATION_FIELDS);

/** Task fields holding durations (ISO in the file, ms in the spec). */
export const TASK_DURATION_FIELDS = ["retry_delay", "max_retry_delay", "execution_timeout", "sla"] as const;

/** Fields parsed and validated now, whose behaviour arrives later (pools and max_active_tasks are enforced by the worker). */
export const NOT_YET_ENFORCED_TASK_FIELDS = ["sla"];
export const NOT_YET_ENFORCED_DAG_FIELDS: string[] = [];

/** Airflow features we reject with a clear message rather than half support. */
export const UNSUPPORTED_FIELDS: Record<string, string> = {
  expand: "dynamic task mapping (`expand`) is not supported yet; declare one task per item (the TypeScript SDK can generate them in a loop)",
  expand_kwargs: "dynamic task mapping (`expand_kwargs`) is not supported yet; declare one task per item",
  partial: "dynamic task mapping (`partial`) is not supported yet; declare one task per item",
  outlets: "assets/datasets (`outlets`) are not supported yet",
  inlets: "assets/datasets (`inlets`) are not supported yet",
  setup: "setup and teardown tasks are not supported yet",
  teardown: "setup and teardown tasks are not supported yet",
  is_setup: "setup and teardown tasks are not supported yet",
  is_teardown: "setup and teardown tasks are not supported yet",
  python_callable: "Python callables are not supported; use `operator: script` with JavaScript/TypeScript `code`",
  on_failure_callback: "Python callbacks are not supported; add a `notify` task with `trigger_rule: one_failed`",
  on_success_callback: "Python callbacks are not supported; add a `notify` task downstream",
  on_retry_callback: "Python callbacks are not supported",
  on_execute_callback: "Python callbacks are not supported",
};

export const TaskFileSchema = TaskCommonFileSchema.partial()
  .extend(OperatorFieldsFileSchema.partial().shape)
  .extend({ task_id: idString, operator: z.string() });
export type TaskFile = z.infer<typeof TaskFileSchema>;

/** default_args: any task field except identity and wiring. */
export const DefaultArgsFileSchema = TaskCommonFileSchema.omit({ task_id: true, operator: true, upstream: true, task_group: true })
  .partial()
  .extend(OperatorFieldsFileSchema.partial().shape);
export type DefaultArgsFile = z.infer<typeof DefaultArgsFileSchema>;

export const TaskGroupFileSchema = z.object({
  group_id: idString,
  parent_group: z.string().optional(),
  tooltip: z.string().optional(),
  default_args: DefaultArgsFileSchema.optional(),
});
export type TaskGroupFile = z.infer<typeof TaskGroupFileSchema>;

export const TimetableFileSchema = z.object({
  type: z.string(),
  cron: z.string().optional(),
  delta: durationString.optional(),
  timezone: z.string().optional(),
  interval: durationString.optional(),
  run_immediately: z.union([z.boolean(), durationString]).optional(),
});
export type TimetableFile = z.infer<typeof TimetableFileSchema>;

export const DagFileSchema = z.object({
  dag_id: z.string().min(1).max(250).regex(DAG_ID_PATTERN, {
    message: "may contain only letters, digits, '_', '.' and '-'",
  }),
  description: z.string().nullable().optional(),
  schedule: z.string().nullable().optional(),
  timetable: TimetableFileSchema.optional(),
  start_date: instantString.nullable().optional(),
  end_date: instantString.nullable().optional(),
  catchup: z.boolean().optional(),
  timezone: z.string().optional(),
  max_active_runs: z.number().int().min(1).optional(),
  max_active_tasks: z.number().int().min(1).optional(),
  dagrun_timeout: durationString.nullable().optional(),
  is_paused_upon_creation: z.boolean().optional(),
  tags: z.array(z.string().min(1).max(100)).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  doc_md: z.string().nullable().optional(),
  default_args: DefaultArgsFileSchema.optional(),
  task_groups: z.array(TaskGroupFileSchema).optional(),
  tasks: z.array(TaskFileSchema),
});
export type DagFile = z.infer<typeof DagFileSchema>;

// Field name lists, for unknown-field checks with "did you mean".
export const DAG_FIELDS = Object.keys(DagFileSchema.shape);
export const TASK_COMMON_FIELDS = Object.keys(TaskCommonFileSchema.shape);
export const OPERATOR_FIELD_NAMES = Object.keys(OperatorFieldsFileSchema.shape) as OperatorFieldName[];
export const DEFAULT_ARGS_FIELDS = Object.keys(DefaultArgsFileSchema.shape);
export const TASK_GROUP_FIELDS = Object.keys(TaskGroupFileSchema.shape);
export const TIMETABLE_FIELDS = Object.keys(TimetableFileSchema.shape);
export const PARAM_SCHEMA_KEYWORDS = [
  "default",
  "type",
  "description",
  "title",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "items",
  "properties",
  "required",
  "minItems",
  "maxItems",
] as const;

// ---------------------------------------------------------------------------------------
// Defaults

export const TASK_DEFAULTS = {
  upstream: [] as string[],
  trigger_rule: "all_success" as TriggerRule,
  retries: 0,
  retry_delay: 5 * 60_000,
  retry_exponential_backoff: 0,
  max_retry_delay: null,
  execution_timeout: null,
  depends_on_past: false,
  wait_for_downstream: false,
  pool: "default_pool",
  pool_slots: 1,
  sla: null,
  owner: "airflow",
  doc_md: null,
  do_xcom_push: true,
};

/** BaseSensorOperator defaults: poke_interval 60 s, timeout 7 days, mode poke. */
export const SENSOR_DEFAULTS = { poke_interval: 60_000, timeout: 7 * 24 * 3600_000, mode: "poke" as const };
/** HttpOperator defaults to POST, HttpSensor to GET (as in Airflow's http provider). */
export const HTTP_METHOD_DEFAULTS: Partial<Record<OperatorName, string>> = { http: "POST", http_sensor: "GET" };

export const DAG_DEFAULTS = {
  timezone: "UTC",
  max_active_runs: 16,
  max_active_tasks: 16,
  is_paused_upon_creation: true,
};

// ---------------------------------------------------------------------------------------
// Durations and instants

const MS = { W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 };

/** Parses an ISO-8601 duration into calendar months and fixed ms; null when malformed. */
export function parseIsoDuration(text: string): CalendarDelta | null {
  const m = ISO_DURATION_PATTERN.exec(text);
  if (!m) return null;
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  const months = n(m[1]) * 12 + n(m[2]);
  const ms = Math.round(n(m[3]) * MS.W + n(m[4]) * MS.D + n(m[5]) * MS.H + n(m[6]) * MS.M + n(m[7]) * MS.S);
  return { months, ms };
}

/** Parses a duration that must be fixed length (no months/years); ms, or null when it is not. */
export function parseFixedDuration(text: string): number | null {
  const d = parseIsoDuration(text);
  if (!d || d.months !== 0) return null;
  return d.ms;
}

/** Formats epoch ms as "YYYY-MM-DDTHH:MM:SS[.mmm]Z". */
export function formatInstant(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith(".000Z") ? iso.slice(0, -5) + "Z" : iso;
}

// ---------------------------------------------------------------------------------------
// Normalization

export interface NormalizeOptions {
  defaults?: DefaultsMode;
  /** Resolves a start/end date string (with offset, or naive in the DAG timezone) to epoch ms. */
  parseInstant: (text: string, timezone: string) => number | null;
}

/** Separator of task-group ids and task ids, as in Airflow. */
export const GROUP_SEPARATOR = ".";

export function resolveTimetable(file: DagFile, mode: DefaultsMode): TimetableSpec {
  const tz = file.timezone ?? DAG_DEFAULTS.timezone;
  const zero: CalendarDelta = { months: 0, ms: 0 };
  const tt = file.timetable;
  if (tt) {
    const ttz = tt.timezone ?? tz;
    const cron = tt.cron !== undefined ? (CRON_PRESETS[tt.cron] ?? tt.cron) : "";
    const delta = tt.delta ? parseIsoDuration(tt.delta)! : zero;
    const interval = tt.interval ? parseIsoDuration(tt.interval)! : zero;
    switch (tt.type as TimetableType) {
      case "once":
        return { type: "once" };
      case "continuous":
        return { type: "continuous" };
      case "cron_data_interval":
        return { type: "cron_data_interval", cron, timezone: ttz };
      case "cron_trigger": {
        const ri = tt.run_immediately;
        const run_immediately = typeof ri === "string" ? parseFixedDuration(ri)! : (ri ?? false);
        return { type: "cron_trigger", cron, timezone: ttz, interval, run_immediately };
      }
      case "delta_data_interval":
        return { type: "delta_data_interval", delta };
      case "delta_trigger":
        return { type: "delta_trigger", delta, interval };
    }
  }
  const schedule = file.schedule ?? null;
  if (schedule === null) return { type: "none" };
  if (schedule === "@once") return { type: "once" };
  if (schedule === "@continuous") return { type: "continuous" };
  if (schedule.startsWith("P")) {
    const delta = parseIsoDuration(schedule)!;
    return mode === "airflow2" ? { type: "delta_data_interval", delta } : { type: "delta_trigger", delta, interval: zero };
  }
  const cron = CRON_PRESETS[schedule] ?? schedule;
  return mode === "airflow2"
    ? { type: "cron_data_interval", cron, timezone: tz }
    : { type: "cron_trigger", cron, timezone: tz, interval: zero, run_immediately: false };
}

/** Turns a bare param value or a JSON-schema-like object into a ParamSpec. */
export function normalizeParam(value: unknown): ParamSpec {
  if (isParamSchema(value)) return { ...(value as ParamSpec) };
  return { default: value };
}

/** An object is read as a param schema when it has `type` or `default` (Airflow's Param(default, type=...)). */
export function isParamSchema(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return "type" in value || "default" in value;
}

export function groupFullIds(groups: TaskGroupFile[]): Map<string, string> {
  // Parent chains are resolved iteratively; validation rejects unknown parents and cycles.
  const byId = new Map(groups.map((g) => [g.group_id, g]));
  const full = new Map<string, string>();
  const resolve = (id: string, depth: number): string => {
    const known = full.get(id);
    if (known) return known;
    const g = byId.get(id);
    const parent = g?.parent_group;
    const value = parent && byId.has(parent) && depth < 64 ? resolve(parent, depth + 1) + GROUP_SEPARATOR + id : id;
    full.set(id, value);
    return value;
  };
  for (const g of groups) resolve(g.group_id, 0);
  return full;
}

/**
 * Resolves one `upstream` entry of a task to full task ids:
 * 1. a full task id; 2. a sibling in the task's own group (or an enclosing one);
 * 3. a task group id (full or short), meaning the group's leaves, as `group >> task` in Airflow.
 * Returns null when nothing matches.
 */
export function resolveUpstreamRef(
  ref: string,
  ownGroupFull: string | null,
  taskIds: Set<string>,
  groupLeaves: Map<string, string[]>,
  groupShortToFull: Map<string, string>,
): string[] | null {
  if (taskIds.has(ref)) return [ref];
  let scope = ownGroupFull;
  while (scope) {
    const candidate = scope + GROUP_SEPARATOR + ref;
    if (taskIds.has(candidate)) return [candidate];
    const cut = scope.lastIndexOf(GROUP_SEPARATOR);
    scope = cut < 0 ? null : scope.slice(0, cut);
  }
  const groupFull = groupLeaves.has(ref) ? ref : groupShortToFull.get(ref);
  if (groupFull && groupLeaves.has(groupFull)) return groupLeaves.get(groupFull)!;
  return null;
}

export function normalizeDagFile(file: DagFile, opts: NormalizeOptions): DagSpec {
  const mode = opts.defaults ?? "airflow3";
  const timezone = file.timezone ?? DAG_DEFAULTS.timezone;
  const groups = file.task_groups ?? [];
  const groupFull = groupFullIds(groups);
  const groupById = new Map(groups.map((g) => [g.group_id, g]));

  const fullTaskId = (t: TaskFile) => (t.task_group ? groupFull.get(t.task_group)! + GROUP_SEPARATOR : "") + t.task_id;
  const taskIds = new Set(file.tasks.map(fullTaskId));

  // Leaves of a group: its tasks (incl. nested groups) with no downstream inside the group.
  const tasksInGroup = new Map<string, string[]>();
  for (const t of file.tasks) {
    if (!t.task_group) continue;
    let g: string | undefined = groupFull.get(t.task_group);
    while (g) {
      const list = tasksInGroup.get(g) ?? [];
      list.push(fullTaskId(t));
      tasksInGroup.set(g, list);
      const cut = g.lastIndexOf(GROUP_SEPARATOR);
      g = cut < 0 ? undefined : g.slice(0, cut);
    }
  }
  const shortToFull = new Map([...groupFull.entries()]);
  // Upstream resolution needs leaves, leaves need task-level upstream: resolve task refs
  // first (task refs never depend on group leaves), then group refs.
  const directTaskUp = new Map<string, string[]>();
  const noGroups = new Map<string, string[]>();
  const noShort = new Map<string, string>();
  for (const t of file.tasks) {
    const id = fullTaskId(t);
    const own = t.task_group ? groupFull.get(t.task_group)! : null;
    const ups: string[] = [];
    for (const ref of t.upstream ?? []) {
      const r = resolveUpstreamRef(ref, own, taskIds, noGroups, noShort);
      if (r) ups.push(...r);
    }
    directTaskUp.set(id, ups);
  }
  const groupLeaves = new Map<string, string[]>();
  for (const [g, members] of tasksInGroup) {
    const inside = new Set(members);
    const hasDownInside = new Set<string>();
    for (const m of members) for (const u of directTaskUp.get(m) ?? []) if (inside.has(u)) hasDownInside.add(u);
    groupLeaves.set(g, members.filter((m) => !hasDownInside.has(m)));
  }

  const dagDefaults = file.default_args ?? {};
  const tasks: TaskSpec[] = file.tasks.map((t) => {
    const id = fullTaskId(t);
    // default_args chain: DAG, then outer groups to inner, then the task itself.
    const chain: DefaultArgsFile[] = [dagDefaults];
    const groupChain: TaskGroupFile[] = [];
    let g = t.task_group ? groupById.get(t.task_group) : undefined;
    for (let depth = 0; g && depth < 64; depth++) {
      groupChain.unshift(g);
      g = g.parent_group ? groupById.get(g.parent_group) : undefined;
    }
    for (const grp of groupChain) if (grp.default_args) chain.push(grp.default_args);
    const merged: Record<string, unknown> = {};
    for (const layer of chain) Object.assign(merged, layer);
    Object.assign(merged, t);
    const operator = t.operator as OperatorName;
    const allowed = OPERATOR_ALLOWED_FIELDS[operator];

    const own = t.task_group ? groupFull.get(t.task_group)! : null;
    const upstream: string[] = [];
    for (const ref of t.upstream ?? []) {
      for (const u of resolveUpstreamRef(ref, own, taskIds, groupLeaves, shortToFull) ?? []) {
        if (!upstream.includes(u) && u !== id) upstream.push(u);
      }
    }
    const dur = (v: unknown): number | null => (typeof v === "string" ? parseFixedDuration(v) : null);
    const backoff = merged.retry_exponential_backoff;
    const spec: TaskSpec = {
      task_id: id,
      operator,
      upstream,
      downstream: [],
      trigger_rule: (merged.trigger_rule as TriggerRule) ?? TASK_DEFAULTS.trigger_rule,
      retries: (merged.retries as number) ?? TASK_DEFAULTS.retries,
      retry_delay: dur(merged.retry_delay) ?? TASK_DEFAULTS.retry_delay,
      retry_exponential_backoff: backoff === true ? 2 : typeof backoff === "number" ? backoff : 0,
      max_retry_delay: dur(merged.max_retry_delay),
      execution_timeout: dur(merged.execution_timeout),
      depends_on_past: (merged.depends_on_past as boolean) ?? false,
      wait_for_downstream: (merged.wait_for_downstream as boolean) ?? false,
      pool: (merged.pool as string) ?? TASK_DEFAULTS.pool,
      pool_slots: (merged.pool_slots as number) ?? TASK_DEFAULTS.pool_slots,
      sla: dur(merged.sla),
      task_group: own,
      owner: (merged.owner as string) ?? TASK_DEFAULTS.owner,
      doc_md: (merged.doc_md as string | null) ?? null,
      do_xcom_push: (merged.do_xcom_push as boolean) ?? true,
      ...(merged.priority_weight !== undefined ? { priority_weight: merged.priority_weight as number } : {}),
      ...(merged.weight_rule !== undefined ? { weight_rule: merged.weight_rule as WeightRule } : {}),
    };
    // Operator fields: only those this operator accepts (default_args may carry fields
    // meant for other operators, as in Airflow where unused default_args are ignored).
    const opFields: Record<string, unknown> = {};
    for (const name of allowed) {
      const v = merged[name];
      if (v === undefined) continue;
      opFields[name] = DURATION_FIELD_SET.has(name) ? dur(v) : v;
    }
    if (SENSOR_OPERATORS.includes(operator)) {
      opFields.poke_interval ??= SENSOR_DEFAULTS.poke_interval;
      if (allowed.has("timeout")) opFields.timeout ??= SENSOR_DEFAULTS.timeout;
      if (allowed.has("mode")) opFields.mode ??= SENSOR_DEFAULTS.mode;
    }
    const method = HTTP_METHOD_DEFAULTS[operator];
    if (method) opFields.method ??= method;
    return Object.assign(spec, opFields);
  });

  const byId = new Map(tasks.map((t) => [t.task_id, t]));
  for (const t of tasks) for (const u of t.upstream) byId.get(u)?.downstream.push(t.task_id);
  for (const t of tasks) t.downstream.sort();

  const inst = (v: string | null | undefined): string | null => {
    if (v === null || v === undefined) return null;
    const ms = opts.parseInstant(v, timezone);
    return ms === null ? null : formatInstant(ms);
  };
  const params: Record<string, ParamSpec> = {};
  for (const [k, v] of Object.entries(file.params ?? {})) params[k] = normalizeParam(v);

  return {
    dag_id: file.dag_id,
    description: file.description ?? null,
    schedule: file.timetable ? null : (file.schedule ?? null),
    timetable: resolveTimetable(file, mode),
    start_date: inst(file.start_date),
    end_date: inst(file.end_date),
    catchup: file.catchup ?? mode === "airflow2",
    timezone,
    max_active_runs: file.max_active_runs ?? DAG_DEFAULTS.max_active_runs,
    max_active_tasks: file.max_active_tasks ?? DAG_DEFAULTS.max_active_tasks,
    dagrun_timeout: file.dagrun_timeout ? parseFixedDuration(file.dagrun_timeout) : null,
    is_paused_upon_creation: file.is_paused_upon_creation ?? DAG_DEFAULTS.is_paused_upon_creation,
    tags: [...(file.tags ?? [])],
    params,
    doc_md: file.doc_md ?? null,
    task_groups: groups.map((g) => ({
      group_id: groupFull.get(g.group_id)!,
      parent_group: g.parent_group ? (groupFull.get(g.parent_group) ?? null) : null,
      tooltip: g.tooltip ?? null,
    })),
    tasks,
  };
}
