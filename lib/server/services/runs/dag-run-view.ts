// The REST shapes of runs and task instances, in Airflow's field names (its
// /api/v2/dags/{dag_id}/dagRuns and …/taskInstances resources).
export interface DagRunView {
  dag_run_id: string;
  dag_id: string;
  run_type: string;
  state: string;
  logical_date: string | null;
  data_interval_start: string | null;
  data_interval_end: string | null;
  run_after: string;
  queued_at: string;
  start_date: string | null;
  end_date: string | null;
  conf: Record<string, unknown>;
  triggered_by: string | null;
  /** The DagVersion's spec hash: the version the run is pinned to. */
  dag_version: string;
}

export interface TaskInstanceView {
  task_id: string;
  dag_id: string;
  dag_run_id: string;
  operator: string;
  state: string | null;
  try_number: number;
  max_tries: number;
  start_date: string | null;
  end_date: string | null;
  duration: number | null;
  next_try_at: string | null;
  note: string | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export interface DagRunRow {
  dagId: string;
  runId: string;
  runType: string;
  state: string;
  logicalDate: Date | null;
  dataIntervalStart: Date | null;
  dataIntervalEnd: Date | null;
  runAfter: Date;
  queuedAt: Date;
  startDate: Date | null;
  endDate: Date | null;
  conf: unknown;
  triggeredBy: string | null;
  dagVersion: { specHash: string; versionNumber?: number };
}

export function toDagRunView(r: DagRunRow): DagRunView {
  return {
    dag_run_id: r.runId,
    dag_id: r.dagId,
    run_type: r.runType,
    state: r.state,
    logical_date: iso(r.logicalDate),
    data_interval_start: iso(r.dataIntervalStart),
    data_interval_end: iso(r.dataIntervalEnd),
    run_after: r.runAfter.toISOString(),
    queued_at: r.queuedAt.toISOString(),
    start_date: iso(r.startDate),
    end_date: iso(r.endDate),
    conf: (r.conf && typeof r.conf === "object" ? r.conf : {}) as Record<string, unknown>,
    triggered_by: r.triggeredBy,
    dag_version: r.dagVersion.specHash,
  };
}

export const dagRunViewSelect = {
  dagId: true,
  runId: true,
  runType: true,
  state: true,
  logicalDate: true,
  dataIntervalStart: true,
  dataIntervalEnd: true,
  runAfter: true,
  queuedAt: true,
  startDate: true,
  endDate: true,
  conf: true,
  triggeredBy: true,
  dagVersion: { select: { specHash: true, versionNumber: true } },
} as const;

export interface TaskInstanceRow {
  taskId: string;
  operator: string;
  state: string;
  tryNumber: number;
  maxTries: number;
  startDate: Date | null;
  endDate: Date | null;
  nextTryAt: Date | null;
  reason: string | null;
}

export function toTaskInstanceView(dagId: string, runId: string, t: TaskInstanceRow): TaskInstanceView {
  return {
    task_id: t.taskId,
    dag_id: dagId,
    dag_run_id: runId,
    operator: t.operator,
    // Airflow shows a task that has not been looked at yet as state null.
    state: t.state === "none" ? null : t.state,
    try_number: t.tryNumber,
    max_tries: t.maxTries,
    start_date: iso(t.startDate),
    end_date: iso(t.endDate),
    duration: t.startDate && t.endDate ? (t.endDate.getTime() - t.startDate.getTime()) / 1000 : null,
    next_try_at: iso(t.nextTryAt),
    note: t.reason,
  };
}
