// The DAG list page: every DAG of the environment with its schedule (expression and words),
// next run, last run and the states of its latest runs, in a few queries whatever the
// number of DAGs (the spec is never loaded whole: only its timetable is read in SQL).
import { scheduleInWords } from "../../../domain/dag/schedule-summary";
import type { TimetableSpec } from "../../../domain/dag/spec";
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";

export interface DagOverview {
  dagId: string;
  isPaused: boolean;
  description: string | null;
  tags: string[];
  schedule: string | null;
  scheduleWords: string;
  timezone: string;
  nextRunAfter: string | null;
  nextLogicalDate: string | null;
  versionNumber: number | null;
  /** Newest first, at most RECENT_RUNS. */
  recentRuns: { runId: string; state: string; logicalDate: string | null; runAfter: string }[];
}

export const RECENT_RUNS = 8;

export async function listDagsOverview(access: EnvironmentAccess): Promise<DagOverview[]> {
  const environmentId = access.environment.id;
  const dags = await db().$queryRaw<
    {
      dag_id: string;
      is_paused: boolean;
      description: string | null;
      tags: string[];
      schedule_summary: string | null;
      next_dagrun_create_after: Date | null;
      next_dagrun_logical_date: Date | null;
      timetable: TimetableSpec | null;
      timezone: string | null;
      version_number: number | null;
    }[]
  >`SELECT d.dag_id, d.is_paused, d.description, d.tags, d.schedule_summary, d.next_dagrun_create_after, d.next_dagrun_logical_date,
           v.spec->'timetable' AS timetable, v.spec->>'timezone' AS timezone, v.version_number
      FROM dag d LEFT JOIN dag_version v ON v.id = d.current_version_id AND v.environment_id = d.environment_id
     WHERE d.environment_id = ${environmentId} AND d.organization_id = ${access.organization.id}
     ORDER BY d.dag_id`;
  if (!dags.length) return [];
  // Per DAG, its latest runs through the (environment_id, dag_id, logical_date) index: a few
  // rows each, however many runs the environment has kept.
  const runs = await db().$queryRaw<{ dag_id: string; run_id: string; state: string; logical_date: Date | null; run_after: Date }[]>`
    SELECT d.dag_id, r.run_id, r.state, r.logical_date, r.run_after
      FROM unnest(${dags.map((d) => d.dag_id)}::text[]) AS d(dag_id)
      CROSS JOIN LATERAL (
        SELECT run_id, state, logical_date, run_after FROM dag_run
         WHERE environment_id = ${environmentId} AND dag_id = d.dag_id
         ORDER BY logical_date DESC NULLS LAST, queued_at DESC
         LIMIT ${RECENT_RUNS}
      ) r`;
  const runsOf = new Map<string, DagOverview["recentRuns"]>();
  for (const r of runs) {
    const list = runsOf.get(r.dag_id) ?? [];
    list.push({ runId: r.run_id, state: r.state, logicalDate: r.logical_date?.toISOString() ?? null, runAfter: r.run_after.toISOString() });
    runsOf.set(r.dag_id, list);
  }
  return dags.map((d) => ({
    dagId: d.dag_id,
    isPaused: d.is_paused,
    description: d.description,
    tags: d.tags,
    schedule: d.schedule_summary,
    scheduleWords: d.timetable ? scheduleInWords(d.timetable) : "—",
    timezone: d.timezone ?? "UTC",
    nextRunAfter: d.next_dagrun_create_after?.toISOString() ?? null,
    nextLogicalDate: d.next_dagrun_logical_date?.toISOString() ?? null,
    versionNumber: d.version_number,
    recentRuns: runsOf.get(d.dag_id) ?? [],
  }));
}
