// Validates a DAG file and returns every problem at once (file, line, column, field path,
// what is wrong, how to fix it), plus the normalized DagSpec when there are no errors.
// Structure comes from the zod schema in spec.ts; the checks zod cannot express (unknown
// fields with "did you mean", operator fields, upstream ids, cycles, cron, timezones,
// params, schedule rules) are here.
import type { z } from "zod";
import { findCycle } from "./graph";
import { loadYaml, type Position } from "./load-yaml";
import { checkParam, looksLikeParamSchema } from "./params";
import { didYouMean, formatPath, type DagProblem, type PathSegment } from "./problems";
import {
  CRON_PRESETS,
  DAG_FIELDS,
  DagFileSchema,
  DEFAULT_ARGS_FIELDS,
  GROUP_SEPARATOR,
  NOT_YET_ENFORCED_DAG_FIELDS,
  NOT_YET_ENFORCED_TASK_FIELDS,
  normalizeDagFile,
  OPERATOR_DURATION_FIELDS,
  OPERATOR_FIELD_NAMES,
  OPERATOR_FIELDS,
  OPERATOR_NAMES,
  parseIsoDuration,
  TASK_COMMON_FIELDS,
  TASK_DURATION_FIELDS,
  TASK_GROUP_FIELDS,
  TIMETABLE_FIELDS,
  TIMETABLE_TYPES,
  TRIGGER_RULES,
  UNSUPPORTED_FIELDS,
  type DagFile,
  type DagSpec,
  type DefaultsMode,
  type OperatorName,
} from "./spec";
import { checkCron } from "../timetable/cron";
import { isValidTimezone, parseInstant } from "../timetable/zone";

export interface ValidateOptions {
  /** Shown in every problem; a path or a name. */
  file: string;
  /** The environment's defaults mode; "airflow3" when not given. */
  defaults?: DefaultsMode;
}

export interface ValidationResult {
  ok: boolean;
  spec: DagSpec | null;
  errors: DagProblem[];
  warnings: DagProblem[];
}

export const MAX_TASKS = 20_000;

/** Airflow operator class names users will type, and what to use instead. */
const AIRFLOW_OPERATOR_HINTS: Record<string, OperatorName> = {
  emptyoperator: "empty",
  dummyoperator: "empty",
  pythonoperator: "script",
  bashoperator: "script",
  python: "script",
  httpoperator: "http",
  simplehttpoperator: "http",
  httpsensor: "http_sensor",
  sqlexecutequeryoperator: "sql",
  postgresoperator: "sql",
  sqlsensor: "sql_sensor",
  branchpythonoperator: "branch",
  shortcircuitoperator: "short_circuit",
  latestonlyoperator: "latest_only",
  triggerdagrunoperator: "trigger_dag_run",
  externaltasksensor: "external_task_sensor",
  datetimesensor: "date_time_sensor",
  timedeltasensor: "time_delta_sensor",
  emailoperator: "notify",
};

const TRIGGER_RULE_HINTS: Record<string, string> = {
  none_failed_or_skipped: 'removed in Airflow 3; use "none_failed_min_one_success"',
  dummy: 'removed in Airflow 3; use "always"',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

function describeType(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "nothing";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

const EXPECTED_WORDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  null: "null",
  int: "an integer",
};

/** Validates YAML (or JSON) text. */
export function validateDagText(text: string, opts: ValidateOptions): ValidationResult {
  const loaded = loadYaml(text, opts.file);
  if (loaded.problems.length) return { ok: false, spec: null, errors: loaded.problems, warnings: [] };
  return validateDagValue(loaded.value, opts, loaded.locate);
}

/** Validates a parsed value (from YAML, JSON or the TypeScript SDK). */
export function validateDagValue(
  value: unknown,
  opts: ValidateOptions,
  locate: (path: readonly PathSegment[], o?: { key?: boolean }) => Position | null = () => null,
): ValidationResult {
  const mode = opts.defaults ?? "airflow3";
  const errors: DagProblem[] = [];
  const warnings: DagProblem[] = [];
  const seen = new Set<string>();
  const report = (
    severity: "error" | "warning",
    path: readonly PathSegment[],
    message: string,
    hint?: string,
    atKey = false,
  ) => {
    const key = `${severity}|${formatPath(path)}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const pos = locate(path, { key: atKey });
    (severity === "error" ? errors : warnings).push({
      severity,
      file: opts.file,
      line: pos?.line ?? null,
      column: pos?.column ?? null,
      path: formatPath(path),
      message,
      hint,
    });
  };
  const error = (path: readonly PathSegment[], message: string, hint?: string, atKey = false) =>
    report("error", path, message, hint, atKey);
  const warn = (path: readonly PathSegment[], message: string, hint?: string) => report("warning", path, message, hint);

  if (!isObj(value)) {
    error([], `a DAG file must be a mapping with at least "dag_id" and "tasks", not ${describeType(value)}`, 'start with "dag_id: my_dag" and a "tasks:" list');
    return { ok: false, spec: null, errors, warnings };
  }
  if (Array.isArray(value.tasks) && value.tasks.length > MAX_TASKS) {
    error(["tasks"], `too many tasks (${value.tasks.length}; the limit is ${MAX_TASKS})`, "split the pipeline into several DAGs");
    return { ok: false, spec: null, errors, warnings };
  }

  // 1. Structure (zod): types, required fields, ranges, formats.
  const parsed = DagFileSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportZodIssue(issue, value, error);
  }

  // 2. Unknown fields, with "did you mean".
  checkUnknownFields(value, error);

  // 3. Semantic checks on the raw value, defensively typed, so they run even when (1) failed.
  const tasks = Array.isArray(value.tasks) ? value.tasks : [];
  const groups = Array.isArray(value.task_groups) ? value.task_groups : [];
  const timezone = typeof value.timezone === "string" ? value.timezone : "UTC";
  if (typeof value.timezone === "string" && !isValidTimezone(value.timezone)) {
    error(["timezone"], `unknown timezone "${value.timezone}"`, 'use an IANA name such as "UTC", "Europe/Zurich" or "America/New_York"');
  }
  if (value.tasks !== undefined && Array.isArray(value.tasks) && value.tasks.length === 0) {
    error(["tasks"], "a DAG needs at least one task", "add a task, e.g. { task_id: start, operator: empty }");
  }

  checkSchedule(value, mode, error, warn);
  const tzOk = isValidTimezone(timezone);
  const startMs = checkInstant(value, "start_date", timezone, tzOk, error);
  const endMs = checkInstant(value, "end_date", timezone, tzOk, error);
  if (startMs !== null && endMs !== null && endMs < startMs) {
    error(["end_date"], "end_date is before start_date", "move end_date after start_date, or remove it");
  }
  checkDurations(value, error);
  checkParams(value, error);

  // Task groups.
  const groupIds = new Map<string, number>();
  groups.forEach((g, i) => {
    if (!isObj(g) || typeof g.group_id !== "string") return;
    const prev = groupIds.get(g.group_id);
    if (prev !== undefined) {
      error(["task_groups", i, "group_id"], `duplicate group_id "${g.group_id}" (first defined at task_groups[${prev}])`, "give each task group a unique id");
    } else groupIds.set(g.group_id, i);
  });
  groups.forEach((g, i) => {
    if (!isObj(g) || g.parent_group === undefined) return;
    if (typeof g.parent_group === "string" && !groupIds.has(g.parent_group)) {
      error(["task_groups", i, "parent_group"], `unknown parent_group "${g.parent_group}"`, didYouMean(g.parent_group, groupIds.keys()) ?? "define that group in task_groups first");
    }
  });
  const groupParent = new Map<string, string>();
  for (const g of groups) if (isObj(g) && typeof g.group_id === "string" && typeof g.parent_group === "string") groupParent.set(g.group_id, g.parent_group);
  for (const [gid] of groupParent) {
    const chain = [gid];
    let cur = groupParent.get(gid);
    while (cur !== undefined && !chain.includes(cur) && chain.length < 100) {
      chain.push(cur);
      cur = groupParent.get(cur);
    }
    if (cur !== undefined && cur === gid) {
      error(["task_groups", groupIds.get(gid)!, "parent_group"], `task groups are nested in a loop: ${[...chain, gid].join(" -> ")}`, "a group cannot contain itself; remove one parent_group");
      break;
    }
  }

  // Tasks: operator, trigger rule, operator fields, ids, group, upstream.
  const dagDefaults = isObj(value.default_args) ? value.default_args : {};
  const groupById = new Map<string, Obj>();
  for (const g of groups) if (isObj(g) && typeof g.group_id === "string") groupById.set(g.group_id, g);
  const fullIds: (string | null)[] = [];
  const idIndex = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (!isObj(t)) {
      fullIds.push(null);
      return;
    }
    const operator = typeof t.operator === "string" ? t.operator : undefined;
    if (operator !== undefined && !(OPERATOR_NAMES as readonly string[]).includes(operator)) {
      const mapped = AIRFLOW_OPERATOR_HINTS[operator.toLowerCase().replace(/[^a-z]/g, "")];
      error(
        ["tasks", i, "operator"],
        `unknown operator "${operator}"`,
        mapped ? `use "${mapped}" (Windsock's equivalent)` : (didYouMean(operator, OPERATOR_NAMES) ?? `use one of ${OPERATOR_NAMES.join(", ")}`),
      );
    }
    if (typeof t.trigger_rule === "string") checkTriggerRule(t.trigger_rule, ["tasks", i, "trigger_rule"], error);
    if (operator && (OPERATOR_NAMES as readonly string[]).includes(operator)) {
      const op = operator as OperatorName;
      const groupDefaults = groupDefaultChain(t, groupById);
      for (const req of OPERATOR_FIELDS[op].required) {
        const present = t[req] !== undefined || groupDefaults.some((d) => d[req] !== undefined) || dagDefaults[req] !== undefined;
        if (!present) {
          error(["tasks", i], `operator "${op}" needs the field "${req}"`, `add "${req}:" to task "${nameOf(t.task_id, i)}"`);
        }
      }
    }
    let full: string | null = null;
    if (typeof t.task_id === "string") {
      const group = typeof t.task_group === "string" ? t.task_group : null;
      if (group !== null && !groupIds.has(group)) {
        error(["tasks", i, "task_group"], `unknown task_group "${group}"`, didYouMean(group, groupIds.keys()) ?? "define it under task_groups");
      }
      full = (group && groupIds.has(group) ? groupFullId(group, groupParent) + GROUP_SEPARATOR : "") + t.task_id;
      const prev = idIndex.get(full);
      if (prev !== undefined) {
        const where = locate(["tasks", prev, "task_id"]);
        error(
          ["tasks", i, "task_id"],
          `duplicate task id "${full}"${where ? ` (first defined at line ${where.line})` : ` (first defined at tasks[${prev}])`}`,
          "task ids must be unique within a DAG; rename one of them",
        );
      } else idIndex.set(full, i);
      if (groupIds.has(t.task_id)) {
        error(["tasks", i, "task_id"], `task id "${t.task_id}" is also a task group id`, "rename the task or the group so upstream references are unambiguous");
      }
    }
    fullIds.push(full);
  });

  // Upstream references and cycles.
  const taskIdSet = new Set(idIndex.keys());
  const groupFull = new Map<string, string>();
  for (const gid of groupIds.keys()) groupFull.set(gid, groupFullId(gid, groupParent));
  const groupFullSet = new Set(groupFull.values());
  const edges = new Map<string, string[]>();
  tasks.forEach((t, i) => {
    const id = fullIds[i];
    if (!isObj(t) || id === null || !Array.isArray(t.upstream)) return;
    const ownGroup = typeof t.task_group === "string" && groupFull.has(t.task_group) ? groupFull.get(t.task_group)! : null;
    const ups: string[] = [];
    t.upstream.forEach((ref, j) => {
      if (typeof ref !== "string") return;
      if (ref === id || ref === t.task_id) {
        error(["tasks", i, "upstream", j], `task "${id}" lists itself as upstream`, "remove it from its own upstream list");
        return;
      }
      const r = resolveRef(ref, ownGroup, taskIdSet, groupFullSet, groupFull);
      if (r === null) {
        error(
          ["tasks", i, "upstream", j],
          `unknown upstream task "${ref}"`,
          didYouMean(ref, [...taskIdSet, ...groupFull.keys()]) ?? "list the task_id of a task defined in this file",
        );
      } else if (r.kind === "task") ups.push(r.id);
      else ups.push(...[...taskIdSet].filter((tid) => tid.startsWith(r.id + GROUP_SEPARATOR)));
    });
    edges.set(id, [...(edges.get(id) ?? []), ...ups]);
  });
  const cycle = findCycle([...idIndex.keys()], (id) => edges.get(id) ?? []);
  if (cycle) {
    const first = cycle[0];
    error(
      ["tasks", idIndex.get(first)!, "upstream"],
      `the tasks form a cycle: ${[...cycle].reverse().concat(cycle[cycle.length - 1]).join(" -> ")}`,
      "a DAG cannot loop; remove one of these upstream links",
    );
  }

  // Fields parsed now, enforced later: say so rather than silently ignoring them. One
  // warning per field, at the DAG level or naming where it is first used (no per-task
  // positions, so a large file needs no second parse for them).
  const notYet = new Map<string, string | null>(); // field -> where first used
  for (const f of NOT_YET_ENFORCED_DAG_FIELDS) if (value[f] !== undefined) notYet.set(f, null);
  const sources: [string, Obj][] = [
    ["default_args", dagDefaults],
    ...groups.filter(isObj).map((g): [string, Obj] => [`task group "${nameOf(g.group_id, "?")}"`, isObj(g.default_args) ? g.default_args : {}]),
    ...tasks.filter(isObj).map((t): [string, Obj] => [`task "${nameOf(t.task_id, "?")}"`, t]),
  ];
  for (const [where, src] of sources) {
    for (const f of NOT_YET_ENFORCED_TASK_FIELDS) if (src[f] !== undefined && !notYet.has(f)) notYet.set(f, where);
  }
  for (const [f, where] of [...notYet].sort(([a], [b]) => a.localeCompare(b))) {
    const path: PathSegment[] = where === null ? [f] : [];
    warn(path, `"${f}" is checked but not enforced yet${where ? ` (first set in ${where})` : ""}`, "it has no effect on runs yet");
  }

  if (errors.length || !parsed.success) {
    if (!errors.length) error([], "the file is not a valid DAG");
    return { ok: false, spec: null, errors: sortProblems(errors), warnings: sortProblems(warnings) };
  }
  const spec = normalizeDagFile(parsed.data as DagFile, { defaults: mode, parseInstant });
  return { ok: true, spec, errors: [], warnings: sortProblems(warnings) };
}

function sortProblems(list: DagProblem[]): DagProblem[] {
  return list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

type ErrorFn = (path: readonly PathSegment[], message: string, hint?: string, atKey?: boolean) => void;

function reportZodIssue(issue: z.core.$ZodIssue, root: unknown, error: ErrorFn): void {
  const path = issue.path as PathSegment[];
  const field = path[path.length - 1];
  const actual = valueAt(root, path);
  switch (issue.code) {
    case "invalid_type": {
      if (actual === undefined) {
        error(path.slice(0, -1), `missing required field "${String(field)}"`, `add "${String(field)}:"`);
        return;
      }
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      let hint: string | undefined;
      if (typeof actual === "number" && TASK_DURATION_FIELDS.includes(field as never)) hint = `durations are ISO-8601 strings, e.g. "PT${actual}S"`;
      else if (issue.expected === "boolean" && typeof actual === "string") hint = "write true or false without quotes";
      else if (issue.expected === "number" && typeof actual === "string") hint = "write the number without quotes";
      else if (issue.expected === "array" && typeof actual === "string") hint = `write a list, e.g. [${JSON.stringify(actual)}]`;
      error(path, `must be ${expected}, not ${describeType(actual)}`, hint);
      return;
    }
    case "invalid_format": {
      if (typeof actual === "string" && /duration/.test(issue.message)) {
        error(path, `"${actual}" is not an ISO-8601 duration`, 'write e.g. "PT30M" (30 minutes), "PT1H", "P1D" (24 hours), "P1M" (a calendar month)');
      } else {
        error(path, `${JSON.stringify(actual)} ${issue.message}`);
      }
      return;
    }
    case "invalid_value":
      error(path, `${JSON.stringify(actual)} is not allowed`, `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`);
      return;
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? "at least" : "at most";
      const limit = (issue as { minimum?: unknown; maximum?: unknown }).minimum ?? (issue as { maximum?: unknown }).maximum;
      const what = issue.origin === "string" ? `${limit} characters` : issue.origin === "array" ? `${limit} items` : String(limit);
      error(path, `must be ${bound} ${what}, not ${describeType(actual)}`);
      return;
    }
    case "invalid_union": {
      if (field === "retry_exponential_backoff") error(path, `must be true, false or a multiplier of at least 1, not ${describeType(actual)}`);
      else if (field === "run_immediately") error(path, `must be true, false or an ISO-8601 duration, not ${describeType(actual)}`);
      else if (field === "parameters") error(path, `must be a list or a mapping, not ${describeType(actual)}`);
      else error(path, `has an unexpected value: ${describeType(actual)}`);
      return;
    }
    default:
      error(path, issue.message);
  }
}

function checkUnknownFields(dag: Obj, error: ErrorFn): void {
  const sets = new Map<readonly string[], Set<string>>();
  const check = (obj: Obj, path: PathSegment[], allowed: readonly string[], describe: string, extra?: (key: string) => string | undefined) => {
    let set = sets.get(allowed);
    if (!set) sets.set(allowed, (set = new Set(allowed)));
    for (const key in obj) {
      if (set.has(key)) continue;
      const special = UNSUPPORTED_FIELDS[key];
      if (special) {
        error([...path, key], special, undefined, true);
        continue;
      }
      const custom = extra?.(key);
      if (custom) {
        error([...path, key], custom, didYouMean(key, allowed), true);
        continue;
      }
      error([...path, key], `unknown field "${key}" in ${describe}`, didYouMean(key, allowed) ?? `allowed fields: ${allowed.join(", ")}`, true);
    }
  };
  check(dag, [], DAG_FIELDS, "the DAG", (key) =>
    key === "schedule_interval" || key === "timetable_" ? `"${key}" was removed in Airflow 3; use "schedule"` : undefined,
  );
  if (isObj(dag.timetable)) check(dag.timetable, ["timetable"], TIMETABLE_FIELDS, "timetable");
  if (isObj(dag.default_args)) check(dag.default_args, ["default_args"], DEFAULT_ARGS_FIELDS, "default_args", defaultArgsExtra);
  if (Array.isArray(dag.task_groups)) {
    dag.task_groups.forEach((g, i) => {
      if (!isObj(g)) return;
      check(g, ["task_groups", i], TASK_GROUP_FIELDS, "a task group");
      if (isObj(g.default_args)) check(g.default_args, ["task_groups", i, "default_args"], DEFAULT_ARGS_FIELDS, "default_args", defaultArgsExtra);
    });
  }
  if (Array.isArray(dag.tasks)) {
    dag.tasks.forEach((t, i) => {
      if (!isObj(t)) return;
      const op = typeof t.operator === "string" && (OPERATOR_NAMES as readonly string[]).includes(t.operator) ? (t.operator as OperatorName) : null;
      const allowed = op ? TASK_FIELDS_BY_OPERATOR[op] : TASK_FIELDS_ANY_OPERATOR;
      check(t, ["tasks", i], allowed, `task "${nameOf(t.task_id, i)}"`, (key) => {
        if (op && (OPERATOR_FIELD_NAMES as string[]).includes(key)) {
          const owners = OPERATOR_NAMES.filter((o) => [...OPERATOR_FIELDS[o].required, ...OPERATOR_FIELDS[o].optional].includes(key as never));
          return `field "${key}" does not apply to operator "${op}" (it belongs to ${owners.join(", ")})`;
        }
        return undefined;
      });
    });
  }
}

const TASK_FIELDS_BY_OPERATOR = Object.fromEntries(
  OPERATOR_NAMES.map((op) => [op, [...TASK_COMMON_FIELDS, ...OPERATOR_FIELDS[op].required, ...OPERATOR_FIELDS[op].optional]]),
) as Record<OperatorName, string[]>;
const TASK_FIELDS_ANY_OPERATOR = [...TASK_COMMON_FIELDS, ...OPERATOR_FIELD_NAMES];

function defaultArgsExtra(key: string): string | undefined {
  if (key === "start_date" || key === "end_date") return `"${key}" belongs on the DAG, not in default_args`;
  if (key === "task_id" || key === "upstream" || key === "operator" || key === "task_group") return `"${key}" cannot be a default; set it on each task`;
  return undefined;
}

function checkTriggerRule(rule: string, path: PathSegment[], error: ErrorFn): void {
  if ((TRIGGER_RULES as readonly string[]).includes(rule)) return;
  error(path, `unknown trigger_rule "${rule}"`, TRIGGER_RULE_HINTS[rule] ?? didYouMean(rule, TRIGGER_RULES) ?? `use one of ${TRIGGER_RULES.join(", ")}`);
}

function checkSchedule(dag: Obj, mode: DefaultsMode, error: ErrorFn, warn: ErrorFn): void {
  const hasSchedule = dag.schedule !== undefined && dag.schedule !== null;
  const tt = isObj(dag.timetable) ? dag.timetable : null;
  if (hasSchedule && tt) {
    error(["timetable"], 'both "schedule" and "timetable" are given', 'keep one: "schedule" for the short form, "timetable" for the explicit one', true);
  }
  let periodic = false;
  let continuous = false;
  if (typeof dag.schedule === "string") {
    const s = dag.schedule;
    if (s === "@once") periodic = false;
    else if (s === "@continuous") continuous = true;
    else if (s.startsWith("@")) {
      if (!(s in CRON_PRESETS)) {
        error(["schedule"], `unknown preset "${s}"`, didYouMean(s, [...Object.keys(CRON_PRESETS), "@once", "@continuous"]) ?? `use one of ${Object.keys(CRON_PRESETS).join(", ")}, @once, @continuous`);
      }
      periodic = true;
    } else if (s.startsWith("P") || s.startsWith("-P")) {
      const d = parseIsoDuration(s);
      if (!d) error(["schedule"], `"${s}" is not an ISO-8601 duration`, 'write e.g. "PT6H", "P1D" or "P1M"');
      else if (d.months === 0 && d.ms <= 0) error(["schedule"], "the schedule interval must be positive", 'e.g. "P1D"');
      periodic = true;
    } else {
      const issue = checkCron(s);
      if (issue) error(["schedule"], issue.message, issue.hint);
      periodic = true;
    }
  }
  if (tt) {
    const type = typeof tt.type === "string" ? tt.type : undefined;
    if (type !== undefined && !(TIMETABLE_TYPES as readonly string[]).includes(type)) {
      error(["timetable", "type"], `unknown timetable type "${type}"`, didYouMean(type, TIMETABLE_TYPES) ?? `use one of ${TIMETABLE_TYPES.join(", ")}`);
    } else if (type) {
      const isCron = type.startsWith("cron_");
      const isDelta = type.startsWith("delta_");
      periodic = isCron || isDelta;
      continuous = type === "continuous";
      const need = (field: string, ok: boolean, example: string) => {
        if (ok && tt[field] === undefined) error(["timetable"], `timetable type "${type}" needs "${field}"`, `add e.g. "${field}: ${example}"`);
        if (!ok && tt[field] !== undefined) error(["timetable", field], `"${field}" does not apply to timetable type "${type}"`, "remove it", true);
      };
      need("cron", isCron, '"0 0 * * *"');
      need("delta", isDelta, "P1D");
      if (tt.timezone !== undefined && !isCron) error(["timetable", "timezone"], `"timezone" does not apply to timetable type "${type}"`, "delta timetables step in UTC, as Airflow's do; remove it", true);
      if (tt.interval !== undefined && type !== "cron_trigger" && type !== "delta_trigger") {
        error(["timetable", "interval"], `"interval" applies only to cron_trigger and delta_trigger`, "remove it", true);
      }
      if (tt.run_immediately !== undefined && type !== "cron_trigger") {
        error(["timetable", "run_immediately"], `"run_immediately" applies only to cron_trigger`, "remove it", true);
      }
      if (typeof tt.cron === "string") {
        if (tt.cron === "@once" || tt.cron === "@continuous") {
          error(["timetable", "cron"], `"${tt.cron}" is not a cron expression`, `use timetable type "${tt.cron.slice(1)}"`);
        } else {
          const expr = CRON_PRESETS[tt.cron] ?? tt.cron;
          if (tt.cron.startsWith("@") && !(tt.cron in CRON_PRESETS)) error(["timetable", "cron"], `unknown preset "${tt.cron}"`, didYouMean(tt.cron, Object.keys(CRON_PRESETS)));
          else {
            const issue = checkCron(expr);
            if (issue) error(["timetable", "cron"], issue.message, issue.hint);
          }
        }
      }
      if (typeof tt.timezone === "string" && !isValidTimezone(tt.timezone)) {
        error(["timetable", "timezone"], `unknown timezone "${tt.timezone}"`, 'use an IANA name such as "UTC" or "Europe/Zurich"');
      }
      for (const f of ["delta", "interval"]) {
        if (typeof tt[f] === "string") {
          const d = parseIsoDuration(tt[f] as string);
          if (d && d.months === 0 && d.ms <= 0) error(["timetable", f], `"${f}" must be positive`, f === "interval" ? "remove it for no data interval" : 'e.g. "P1D"');
        }
      }
      if (typeof tt.run_immediately === "string") {
        const d = parseIsoDuration(tt.run_immediately);
        if (d && d.months !== 0) error(["timetable", "run_immediately"], "run_immediately must be a fixed duration (no months or years)", 'e.g. "PT30M"');
      }
    }
  }
  const catchup = typeof dag.catchup === "boolean" ? dag.catchup : mode === "airflow2";
  const hasStart = typeof dag.start_date === "string";
  if (periodic && catchup && !hasStart) {
    const explicit = typeof dag.catchup === "boolean";
    error(
      explicit ? ["catchup"] : hasSchedule ? ["schedule"] : ["timetable"],
      explicit
        ? "catchup is true but there is no start_date (Airflow refuses this too: there is nothing to catch up from)"
        : "this schedule needs a start_date: catchup defaults to true with Airflow 2 defaults",
      'add e.g. start_date: "2024-01-01T00:00:00Z", or set catchup: false',
    );
  }
  if (continuous && !hasStart) {
    warn(hasSchedule ? ["schedule"] : ["timetable"], "a continuous schedule without a start_date never runs (as in Airflow)", 'add e.g. start_date: "2024-01-01T00:00:00Z"');
  }
  if (continuous && dag.max_active_runs !== 1) {
    error(
      dag.max_active_runs !== undefined ? ["max_active_runs"] : hasSchedule ? ["schedule"] : ["timetable"],
      `a continuous schedule allows one active run at a time, but max_active_runs is ${dag.max_active_runs ?? "16 (the default)"}`,
      "set max_active_runs: 1",
    );
  }
}

function checkInstant(dag: Obj, field: "start_date" | "end_date", tz: string, tzOk: boolean, error: ErrorFn): number | null {
  const v = dag[field];
  if (typeof v !== "string") return null;
  const ms = parseInstant(v, tzOk ? tz : "UTC");
  if (ms === null) {
    error([field], `"${v}" is not an ISO-8601 date-time`, 'write e.g. "2024-01-01T00:00:00Z", "2024-01-01T06:00:00+02:00", or "2024-01-01" (midnight in the DAG timezone)');
  }
  return ms;
}

function checkDurations(dag: Obj, error: ErrorFn): void {
  const fixed = (v: unknown, path: PathSegment[], allowZero: boolean) => {
    if (typeof v !== "string") return;
    const d = parseIsoDuration(v);
    if (!d) return; // reported by the schema
    if (d.months !== 0) error(path, `"${v}" uses months or years, which have no fixed length here`, 'write days instead, e.g. "P30D"');
    else if (d.ms < 0 || (d.ms === 0 && !allowZero)) error(path, `"${v}" must be a positive duration`, 'e.g. "PT5M"');
  };
  fixed(dag.dagrun_timeout, ["dagrun_timeout"], false);
  const taskLike = (obj: unknown, path: PathSegment[]) => {
    if (!isObj(obj)) return;
    for (const f of TASK_DURATION_FIELDS) fixed(obj[f], [...path, f], f === "retry_delay");
    for (const f of OPERATOR_DURATION_FIELDS) fixed(obj[f], [...path, f], false);
  };
  taskLike(dag.default_args, ["default_args"]);
  if (Array.isArray(dag.task_groups)) dag.task_groups.forEach((g, i) => isObj(g) && taskLike(g.default_args, ["task_groups", i, "default_args"]));
  if (Array.isArray(dag.tasks)) dag.tasks.forEach((t, i) => taskLike(t, ["tasks", i]));
}

function checkParams(dag: Obj, error: ErrorFn): void {
  if (!isObj(dag.params)) return;
  for (const [name, v] of Object.entries(dag.params)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      error(["params", name], `param name "${name}" must be an identifier (letters, digits, _)`, "templates read it as params.<name>", true);
    }
    if (!looksLikeParamSchema(v)) continue;
    for (const issue of checkParam(v)) error(["params", name, ...issue.at], issue.message, issue.hint, issue.at.length > 0 && issue.message.startsWith("unknown param schema keyword"));
  }
}

function groupDefaultChain(task: Obj, byId: Map<string, Obj>): Obj[] {
  const out: Obj[] = [];
  let g = typeof task.task_group === "string" ? byId.get(task.task_group) : undefined;
  for (let depth = 0; g && depth < 64; depth++) {
    if (isObj(g.default_args)) out.push(g.default_args);
    g = typeof g.parent_group === "string" ? byId.get(g.parent_group) : undefined;
  }
  return out;
}

function groupFullId(gid: string, parents: Map<string, string>): string {
  const parts = [gid];
  let cur = parents.get(gid);
  while (cur !== undefined && !parts.includes(cur) && parts.length < 64) {
    parts.unshift(cur);
    cur = parents.get(cur);
  }
  return parts.join(GROUP_SEPARATOR);
}

function resolveRef(
  ref: string,
  ownGroup: string | null,
  taskIds: Set<string>,
  groupFullSet: Set<string>,
  groupFull: Map<string, string>,
): { kind: "task" | "group"; id: string } | null {
  if (taskIds.has(ref)) return { kind: "task", id: ref };
  let scope = ownGroup;
  while (scope) {
    const candidate = scope + GROUP_SEPARATOR + ref;
    if (taskIds.has(candidate)) return { kind: "task", id: candidate };
    const cut = scope.lastIndexOf(GROUP_SEPARATOR);
    scope = cut < 0 ? null : scope.slice(0, cut);
  }
  if (groupFullSet.has(ref)) return { kind: "group", id: ref };
  const g = groupFull.get(ref);
  if (g) return { kind: "group", id: g };
  return null;
}

/**
 * An id as a message names it, whatever the file put there: String() throws on some objects
 * (`{toString: false}`), and validation must never throw on user input.
 */
function nameOf(id: unknown, fallback: string | number): string {
  if (id === undefined || id === null) return String(fallback);
  if (typeof id === "string" || typeof id === "number" || typeof id === "boolean") return String(id);
  try {
    return JSON.stringify(id) ?? String(fallback);
  } catch {
    return String(fallback);
  }
}
