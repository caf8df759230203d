// windsock/sdk — build DAG files in TypeScript. `dag()` returns the same plain object a YAML
// file holds (field names as in Airflow, durations as ISO-8601 strings), so
// `windsock dags validate|build|next-runs file.ts` treat it exactly like YAML.
//
//   import { dag, chain, spreadSchedule } from "windsock/sdk";
//   export default dag({ dag_id: "users", schedule: "@daily" }, (t) => {
//     const create = t.sql("create_table", { conn_id: "pg", sql: "CREATE TABLE IF NOT EXISTS users (...)" });
//     const fetch = t.http("fetch_user", { endpoint: "https://randomuser.me/api/", method: "GET" });
//     chain(create, fetch);
//   });
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import type { OperatorName, TriggerRule } from "../domain/dag/spec";

export type { OperatorName, TriggerRule } from "../domain/dag/spec";

/** ISO-8601 duration, e.g. "PT30M", "P1D". Build one with `duration({ minutes: 30 })`. */
export type Duration = string;

/** Task fields every operator accepts (Airflow names). */
export interface TaskOptions {
  upstream?: (string | TaskRef)[];
  trigger_rule?: TriggerRule;
  retries?: number;
  retry_delay?: Duration;
  retry_exponential_backoff?: boolean | number;
  max_retry_delay?: Duration | null;
  execution_timeout?: Duration | null;
  depends_on_past?: boolean;
  wait_for_downstream?: boolean;
  pool?: string;
  pool_slots?: number;
  sla?: Duration | null;
  owner?: string;
  doc_md?: string | null;
  do_xcom_push?: boolean;
  /** Orders tasks competing for slots (pools, max_active_tasks); default 1. */
  priority_weight?: number;
  weight_rule?: "downstream" | "upstream" | "absolute";
}

export interface SensorOptions {
  poke_interval?: Duration;
  timeout?: Duration;
  mode?: "poke" | "reschedule";
  soft_fail?: boolean;
  exponential_backoff?: boolean;
}

type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

export interface ScriptFields {
  /** An ES module whose default export is `async (ctx) => value`. */
  code: string;
  args?: Record<string, unknown>;
}
export interface HttpFields {
  endpoint: string;
  method?: HttpMethod;
  headers?: Record<string, string>;
  data?: unknown;
  response_check?: string;
  response_filter?: string;
  http_conn_id?: string;
}
export interface SqlFields {
  conn_id: string;
  sql: string;
  parameters?: unknown[] | Record<string, unknown>;
}
export interface TriggerDagRunFields {
  trigger_dag_id: string;
  trigger_run_id?: string;
  conf?: Record<string, unknown>;
  logical_date?: string;
  reset_dag_run?: boolean;
  wait_for_completion?: boolean;
  poke_interval?: Duration;
  allowed_states?: string[];
  failed_states?: string[];
}
export interface ExternalTaskSensorFields extends SensorOptions {
  external_dag_id: string;
  external_task_id?: string;
  external_task_ids?: string[];
  external_task_group_id?: string;
  allowed_states?: string[];
  failed_states?: string[];
  skipped_states?: string[];
  execution_delta?: Duration;
}
export interface NotifyFields {
  channel: "email" | "slack" | "webhook";
  message: string;
  to?: string[];
  subject?: string;
  url?: string;
  conn_id?: string;
}

export interface TimetableOptions {
  type: "cron_data_interval" | "cron_trigger" | "delta_data_interval" | "delta_trigger" | "once" | "continuous";
  cron?: string;
  delta?: Duration;
  timezone?: string;
  interval?: Duration;
  run_immediately?: boolean | Duration;
}

export interface DagOptions {
  dag_id: string;
  description?: string | null;
  /** Preset ("@daily"), cron ("0 6 * * *"), ISO duration ("PT6H") or null (manual only). */
  schedule?: string | null;
  timetable?: TimetableOptions;
  start_date?: string | null;
  end_date?: string | null;
  catchup?: boolean;
  timezone?: string;
  max_active_runs?: number;
  max_active_tasks?: number;
  dagrun_timeout?: Duration | null;
  is_paused_upon_creation?: boolean;
  tags?: string[];
  params?: Record<string, unknown>;
  doc_md?: string | null;
  default_args?: TaskOptions & Record<string, unknown>;
}

/** The DAG as a plain object, exactly the shape of a YAML DAG file. */
export interface DagDefinition extends Omit<DagOptions, "default_args"> {
  default_args?: Record<string, unknown>;
  task_groups?: { group_id: string; parent_group?: string; tooltip?: string; default_args?: Record<string, unknown> }[];
  tasks: (Record<string, unknown> & { task_id: string; operator: OperatorName })[];
}

/** A handle on a declared task, for wiring dependencies. */
export interface TaskRef {
  /** Full id: "<group>.<task>" inside task groups. */
  readonly task_id: string;
  /** Makes each given task run after this one; returns the last one, so calls chain. */
  then<T extends TaskRef | TaskRef[]>(next: T): T;
  /** Makes this task run after each given task. */
  after(...upstream: (TaskRef | TaskRef[])[]): this;
}

export interface GroupOptions {
  tooltip?: string;
  default_args?: TaskOptions & Record<string, unknown>;
}

export interface TaskBuilder {
  empty(task_id: string, opts?: TaskOptions): TaskRef;
  script(task_id: string, opts: ScriptFields & TaskOptions): TaskRef;
  branch(task_id: string, opts: ScriptFields & TaskOptions): TaskRef;
  short_circuit(task_id: string, opts: ScriptFields & TaskOptions & { ignore_downstream_trigger_rules?: boolean }): TaskRef;
  latest_only(task_id: string, opts?: TaskOptions): TaskRef;
  http(task_id: string, opts: HttpFields & TaskOptions): TaskRef;
  http_sensor(task_id: string, opts: Omit<HttpFields, "response_filter"> & SensorOptions & TaskOptions): TaskRef;
  sql(task_id: string, opts: SqlFields & TaskOptions): TaskRef;
  sql_sensor(task_id: string, opts: SqlFields & SensorOptions & TaskOptions & { fail_on_empty?: boolean }): TaskRef;
  trigger_dag_run(task_id: string, opts: TriggerDagRunFields & TaskOptions): TaskRef;
  external_task_sensor(task_id: string, opts: ExternalTaskSensorFields & TaskOptions): TaskRef;
  date_time_sensor(task_id: string, opts: { target_time: string } & SensorOptions & TaskOptions): TaskRef;
  time_delta_sensor(task_id: string, opts: { delta: Duration } & SensorOptions & TaskOptions): TaskRef;
  notify(task_id: string, opts: NotifyFields & TaskOptions): TaskRef;
  /** Any operator by name, for fields this SDK does not type yet. */
  task(task_id: string, operator: OperatorName, opts?: Record<string, unknown>): TaskRef;
  /** A task group: tasks declared inside get ids "<group_id>.<task_id>", as in Airflow. */
  group(group_id: string, opts: GroupOptions, build: (g: TaskBuilder) => void): void;
  group(group_id: string, build: (g: TaskBuilder) => void): void;
}

function flat(items: (TaskRef | TaskRef[] | string)[]): (TaskRef | string)[] {
  return items.flatMap((i) => (Array.isArray(i) ? i : [i]));
}

/** Declares a DAG: `build` declares its tasks; returns the DAG file as a plain object. */
export function dag(options: DagOptions, build: (t: TaskBuilder) => void): DagDefinition {
  const tasks: DagDefinition["tasks"] = [];
  const groups: NonNullable<DagDefinition["task_groups"]> = [];
  const upstreamOf = new Map<string, string[]>();

  const makeBuilder = (groupId: string | null, groupPath: string | null): TaskBuilder => {
    const add = (task_id: string, operator: OperatorName, opts: Record<string, unknown> = {}): TaskRef => {
      const full = groupPath ? `${groupPath}.${task_id}` : task_id;
      const { upstream, ...rest } = opts as { upstream?: (string | TaskRef)[] };
      const ups = (upstream ?? []).map((u) => (typeof u === "string" ? u : u.task_id));
      upstreamOf.set(full, ups);
      const task: DagDefinition["tasks"][number] = { task_id, operator, ...rest };
      if (groupId) task.task_group = groupId;
      tasks.push(task);
      const ref: TaskRef = {
        task_id: full,
        then(next) {
          for (const n of flat([next])) (n as TaskRef).after(ref);
          return next;
        },
        after(...up) {
          const list = upstreamOf.get(full)!;
          for (const u of flat(up)) {
            const id = typeof u === "string" ? u : u.task_id;
            if (!list.includes(id)) list.push(id);
          }
          return this;
        },
      };
      return ref;
    };
    const b: TaskBuilder = {
      empty: (id, o) => add(id, "empty", o as Record<string, unknown>),
      script: (id, o) => add(id, "script", o as unknown as Record<string, unknown>),
      branch: (id, o) => add(id, "branch", o as unknown as Record<string, unknown>),
      short_circuit: (id, o) => add(id, "short_circuit", o as unknown as Record<string, unknown>),
      latest_only: (id, o) => add(id, "latest_only", o as Record<string, unknown>),
      http: (id, o) => add(id, "http", o as unknown as Record<string, unknown>),
      http_sensor: (id, o) => add(id, "http_sensor", o as unknown as Record<string, unknown>),
      sql: (id, o) => add(id, "sql", o as unknown as Record<string, unknown>),
      sql_sensor: (id, o) => add(id, "sql_sensor", o as unknown as Record<string, unknown>),
      trigger_dag_run: (id, o) => add(id, "trigger_dag_run", o as unknown as Record<string, unknown>),
      external_task_sensor: (id, o) => add(id, "external_task_sensor", o as unknown as Record<string, unknown>),
      date_time_sensor: (id, o) => add(id, "date_time_sensor", o as unknown as Record<string, unknown>),
      time_delta_sensor: (id, o) => add(id, "time_delta_sensor", o as unknown as Record<string, unknown>),
      notify: (id, o) => add(id, "notify", o as unknown as Record<string, unknown>),
      task: (id, operator, o) => add(id, operator, o),
      group(id: string, a: GroupOptions | ((g: TaskBuilder) => void), c?: (g: TaskBuilder) => void) {
        const opts = typeof a === "function" ? {} : a;
        const fn = typeof a === "function" ? a : c!;
        const entry: NonNullable<DagDefinition["task_groups"]>[number] = { group_id: id };
        if (groupId) entry.parent_group = groupId;
        if (opts.tooltip) entry.tooltip = opts.tooltip;
        if (opts.default_args) entry.default_args = { ...opts.default_args };
        groups.push(entry);
        fn(makeBuilder(id, groupPath ? `${groupPath}.${id}` : id));
      },
    };
    return b;
  };

  build(makeBuilder(null, null));
  for (const t of tasks) {
    const full = t.task_group ? fullGroupPath(String(t.task_group), groups) + "." + t.task_id : t.task_id;
    const ups = upstreamOf.get(full) ?? [];
    if (ups.length) t.upstream = ups;
  }
  const out: DagDefinition = { ...options, tasks } as DagDefinition;
  if (groups.length) out.task_groups = groups;
  return out;
}

function fullGroupPath(id: string, groups: NonNullable<DagDefinition["task_groups"]>): string {
  const g = groups.find((x) => x.group_id === id);
  return g?.parent_group ? `${fullGroupPath(g.parent_group, groups)}.${id}` : id;
}

/**
 * Airflow's chain(): each element runs after the previous one. An array element fans out
 * or in: chain(a, [b, c], d) gives a -> b, a -> c, b -> d, c -> d. Two adjacent arrays of
 * the same length are paired element by element, as in Airflow.
 */
export function chain(...items: (TaskRef | TaskRef[])[]): void {
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1];
    const cur = items[i];
    if (Array.isArray(prev) && Array.isArray(cur)) {
      if (prev.length !== cur.length) throw new Error(`chain: adjacent lists must have the same length (${prev.length} and ${cur.length})`);
      cur.forEach((c, j) => c.after(prev[j]));
    } else {
      for (const c of flat([cur]) as TaskRef[]) c.after(prev);
    }
  }
}

/** ISO-8601 duration from parts: duration({ hours: 1, minutes: 30 }) === "PT1H30M". */
export function duration(parts: { years?: number; months?: number; weeks?: number; days?: number; hours?: number; minutes?: number; seconds?: number }): Duration {
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = parts;
  const date = `${years ? years + "Y" : ""}${months ? months + "M" : ""}${weeks ? weeks + "W" : ""}${days ? days + "D" : ""}`;
  const time = `${hours ? hours + "H" : ""}${minutes ? minutes + "M" : ""}${seconds ? seconds + "S" : ""}`;
  if (!date && !time) return "PT0S";
  return `P${date}${time ? "T" + time : ""}`;
}

/** A stable number in [0, modulo) from a key (first 4 bytes of its SHA-256). */
export function stableHash(key: string, modulo: number): number {
  const h = sha256(utf8ToBytes(key));
  const n = ((h[0] << 24) >>> 0) + (h[1] << 16) + (h[2] << 8) + h[3];
  return n % modulo;
}

/**
 * Spreads DAGs over the clock by a stable hash of a key (the "md5 % 60 minutes" trick), so
 * a thousand generated DAGs don't all start at minute 0:
 *   spreadSchedule("customer_42")                           -> "37 * * * *" (hourly)
 *   spreadSchedule("customer_42", { every: "day" })         -> "37 4 * * *"
 *   spreadSchedule("customer_42", { every: "day", hours: [1, 5] }) -> minute and hour within 01:00-05:59
 * The same key always gives the same schedule.
 */
export function spreadSchedule(key: string, opts: { every?: "hour" | "day"; hours?: [number, number] } = {}): string {
  const minute = stableHash(`${key}#minute`, 60);
  if ((opts.every ?? "hour") === "hour") return `${minute} * * * *`;
  const [from, to] = opts.hours ?? [0, 23];
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= 23 && from <= to)) {
    throw new Error(`spreadSchedule: hours must be [from, to] within 0-23, got [${from}, ${to}]`);
  }
  const hour = from + stableHash(`${key}#hour`, to - from + 1);
  return `${minute} ${hour} * * *`;
}
