// The manual DagRun `dags test` creates, as Airflow 3.1's DAG.test() does: logical date
// as given (default now), data interval inferred by the timetable from it, run_after =
// now, run_id "manual__<run_after>", conf overriding params (validated against their schema).
import { checkValueAgainstSchema } from "../../domain/dag/params";
import type { DagSpec, ParamSpec } from "../../domain/dag/spec";
import { generateRunId } from "../../domain/timetable/run-id";
import { inferManualDataInterval } from "../../domain/timetable/timetables";
import type { RunInfo } from "../task-try";

export interface ManualRunInput {
  dag: DagSpec;
  /** Epoch ms. */
  logicalDate: number;
  /** Epoch ms: when the run is created. */
  now: number;
  conf: Record<string, unknown>;
  /** Airflow's tasks test uses "__airflow_temporary_run_<now>__". */
  runIdStyle?: "manual" | "temporary";
}

export class ConfError extends Error {}

export function prepareManualRun(input: ManualRunInput): RunInfo {
  checkConf(input.dag.params, input.conf);
  const interval = inferManualDataInterval(input.dag.timetable, input.logicalDate);
  const iso = (ms: number) => new Date(ms).toISOString();
  const run_id =
    input.runIdStyle === "temporary"
      ? `__airflow_temporary_run_${generateRunId("manual", input.now).slice("manual__".length)}__`
      : generateRunId("manual", input.now);
  return {
    dag_id: input.dag.dag_id,
    run_id,
    run_type: "manual",
    logical_date: iso(input.logicalDate),
    data_interval_start: iso(interval.start),
    data_interval_end: iso(interval.end),
    run_after: iso(input.now),
    start_date: iso(input.logicalDate),
    conf: input.conf,
  };
}

/** Airflow's process_params: every final param value (conf over default) must fit its schema. */
function checkConf(params: Record<string, ParamSpec>, conf: Record<string, unknown>) {
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(params ?? {})) {
    const value = Object.prototype.hasOwnProperty.call(conf, name) ? conf[name] : spec.default;
    if (value === undefined) {
      problems.push(`param '${name}' has no default and --conf does not set it; pass --conf '{"${name}": ...}'`);
      continue;
    }
    const { default: _default, description: _d, title: _t, ...schema } = spec;
    for (const issue of checkValueAgainstSchema(value, schema as Record<string, unknown>)) {
      problems.push(`param '${name}': ${issue}${Object.prototype.hasOwnProperty.call(conf, name) ? " (from --conf)" : ""}`);
    }
  }
  if (problems.length) throw new ConfError(problems.join("\n"));
}
