// The REST shape of one DAG, in Airflow's field names (its /api/v2/dags/{dag_id}), plus the
// version it runs (spec hash and number) and its params, which the trigger form is built from.
import { scheduleInWords } from "../../../domain/dag/schedule-summary";
import type { DagSpec, ParamSpec } from "../../../domain/dag/spec";
import { describeTimetable } from "../../../domain/timetable/describe";

export interface DagView {
  dag_id: string;
  is_paused: boolean;
  description: string | null;
  tags: string[];
  /** The schedule as written ("@daily", "0 6 * * 1-5", "P1D"); null for manual-only DAGs. */
  schedule: string | null;
  timetable_summary: string;
  timetable_description: string;
  timezone: string;
  catchup: boolean;
  start_date: string | null;
  end_date: string | null;
  max_active_runs: number;
  max_active_tasks: number;
  next_dagrun_logical_date: string | null;
  next_dagrun_data_interval_start: string | null;
  next_dagrun_data_interval_end: string | null;
  next_dagrun_run_after: string | null;
  version: string;
  version_number: number;
  file_format: string;
  deployed_at: string;
  params: Record<string, ParamSpec>;
  doc_md: string | null;
  task_count: number;
}

export interface DagViewRow {
  dagId: string;
  isPaused: boolean;
  description: string | null;
  tags: string[];
  scheduleSummary: string | null;
  nextDagrunCreateAfter: Date | null;
  nextDagrunLogicalDate: Date | null;
  nextDagrunDataIntervalStart: Date | null;
  nextDagrunDataIntervalEnd: Date | null;
}

export interface DagVersionViewRow {
  specHash: string;
  versionNumber: number;
  fileFormat: string;
  createdAt: Date;
  spec: unknown;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDagView(dag: DagViewRow, version: DagVersionViewRow): DagView {
  const spec = version.spec as DagSpec;
  return {
    dag_id: dag.dagId,
    is_paused: dag.isPaused,
    description: dag.description,
    tags: dag.tags,
    schedule: dag.scheduleSummary,
    timetable_summary: scheduleInWords(spec.timetable),
    timetable_description: describeTimetable(spec.timetable),
    timezone: spec.timezone,
    catchup: spec.catchup,
    start_date: spec.start_date,
    end_date: spec.end_date,
    max_active_runs: spec.max_active_runs,
    max_active_tasks: spec.max_active_tasks,
    next_dagrun_logical_date: iso(dag.nextDagrunLogicalDate),
    next_dagrun_data_interval_start: iso(dag.nextDagrunDataIntervalStart),
    next_dagrun_data_interval_end: iso(dag.nextDagrunDataIntervalEnd),
    next_dagrun_run_after: iso(dag.nextDagrunCreateAfter),
    version: version.specHash,
    version_number: version.versionNumber,
    file_format: version.fileFormat,
    deployed_at: version.createdAt.toISOString(),
    params: spec.params ?? {},
    doc_md: spec.doc_md,
    task_count: spec.tasks.length,
  };
}

export const dagViewSelect = {
  id: true,
  dagId: true,
  isPaused: true,
  description: true,
  tags: true,
  scheduleSummary: true,
  currentVersionId: true,
  nextDagrunCreateAfter: true,
  nextDagrunLogicalDate: true,
  nextDagrunDataIntervalStart: true,
  nextDagrunDataIntervalEnd: true,
} as const;

export const dagVersionViewSelect = { id: true, specHash: true, versionNumber: true, fileFormat: true, createdAt: true, spec: true } as const;
