// The Calendar view's data (Airflow's Calendar): a DAG's runs counted per local day and
// state in ONE grouped query, plus the runs its timetable plans for the coming days. A run's
// day is its logical date (its run_after when it has none, e.g. a manual run on a
// timetable without data intervals) on the wall clock of the DAG's timezone. Scoped to the
// environment the gate resolved; a DAG of another tenant is the same 404 as a missing one.
import { addDays, calendarRange, dayStart, isDay, localDay } from "../../../domain/run/calendar";
import { previewNextRuns } from "../../../domain/dag/schedule-summary";
import { isValidTimezone } from "../../../domain/timetable/zone";
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { lastAutomatedInterval } from "./deploy-dag";
import { findDagWithVersion } from "./get-dag";
import type { RunSummary } from "./read-dag-grid";

export interface CalendarDay {
  /** Local date "YYYY-MM-DD" in the DAG's timezone. */
  date: string;
  /** Runs of that day by state. */
  counts: Record<string, number>;
  /** Runs the timetable will create that day (only for an active, scheduled DAG). */
  planned: number;
}

export interface DagCalendar {
  timezone: string;
  /** First shown day (a Monday) and the day after the last one. */
  from: string;
  to: string;
  today: string;
  /** Only days with runs or planned runs, in date order. */
  days: CalendarDay[];
  /** True when the planned runs were cut off (a very frequent schedule). */
  plannedTruncated: boolean;
}

/** How many future runs are computed at most (an every-minute cron would be 40,000 in 4 weeks). */
const PLANNED_CAP = 1000;

/** "2026-01-02 03:04:05.000": an instant as PostgreSQL's `timestamp` (UTC, as Prisma stores them). */
const pgTimestamp = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

export async function readDagCalendar(
  access: EnvironmentAccess,
  dagId: string,
  opts: { now?: number; from?: string; to?: string } = {},
): Promise<DagCalendar> {
  const { dag, spec } = await findDagWithVersion(access, dagId);
  const timezone = isValidTimezone(spec.timezone) ? spec.timezone : "UTC";
  const now = opts.now ?? Date.now();
  const today = localDay(now, timezone);
  const range = calendarRange(today);
  const from = opts.from ?? range.from;
  const to = opts.to ?? range.to;
  if (!isDay(from) || !isDay(to) || from >= to) throw new AppError("unprocessable", "The calendar range must be two dates YYYY-MM-DD, the first before the second.");

  const rows = await db().$queryRaw<{ day: string; state: string; n: number }[]>`
    SELECT to_char((coalesce(logical_date, run_after) AT TIME ZONE 'UTC') AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day,
           state, count(*)::int AS n
      FROM dag_run
     WHERE environment_id = ${access.environment.id} AND organization_id = ${access.organization.id} AND dag_id = ${spec.dag_id}
       AND coalesce(logical_date, run_after) >= ${pgTimestamp(dayStart(from, timezone))}::timestamp
       AND coalesce(logical_date, run_after) <  ${pgTimestamp(dayStart(to, timezone))}::timestamp
     GROUP BY 1, 2`;

  const byDay = new Map<string, CalendarDay>();
  const dayOf = (date: string) => {
    let d = byDay.get(date);
    if (!d) byDay.set(date, (d = { date, counts: {}, planned: 0 }));
    return d;
  };
  for (const r of rows) dayOf(r.day).counts[r.state] = r.n;

  // Planned runs: what the scheduler would create from now on (a paused DAG creates none).
  let plannedTruncated = false;
  if (!dag.isPaused && spec.timetable.type !== "none") {
    const last = await lastAutomatedInterval(db(), access.environment.id, spec.dag_id);
    const upcoming = previewNextRuns(spec, last, now, PLANNED_CAP);
    plannedTruncated = upcoming.length === PLANNED_CAP;
    const start = today > from ? today : from;
    for (const run of upcoming) {
      const day = localDay(Date.parse(run.logical_date), timezone);
      if (day >= to) break;
      if (day >= start) dayOf(day).planned++;
    }
    if (plannedTruncated && upcoming.length && localDay(Date.parse(upcoming.at(-1)!.logical_date), timezone) >= to) plannedTruncated = false;
  }

  return { timezone, from, to, today, days: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)), plannedTruncated };
}

export type CalendarDayRun = RunSummary;

/** The runs of one local day (the list beside the calendar when a day is picked), oldest first. */
export async function listDagRunsOnDay(access: EnvironmentAccess, dagId: string, day: string): Promise<{ timezone: string; runs: CalendarDayRun[] }> {
  const { spec } = await findDagWithVersion(access, dagId);
  if (!isDay(day)) throw new AppError("unprocessable", "The day must be a date YYYY-MM-DD.");
  const timezone = isValidTimezone(spec.timezone) ? spec.timezone : "UTC";
  const rows = await db().$queryRaw<{ run_id: string; state: string; run_type: string; logical_date: Date | null; run_after: Date; start_date: Date | null; end_date: Date | null }[]>`
    SELECT run_id, state, run_type, logical_date, run_after, start_date, end_date
      FROM dag_run
     WHERE environment_id = ${access.environment.id} AND organization_id = ${access.organization.id} AND dag_id = ${spec.dag_id}
       AND coalesce(logical_date, run_after) >= ${pgTimestamp(dayStart(day, timezone))}::timestamp
       AND coalesce(logical_date, run_after) <  ${pgTimestamp(dayStart(addDays(day, 1), timezone))}::timestamp
     ORDER BY coalesce(logical_date, run_after), queued_at
     LIMIT 500`;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    timezone,
    runs: rows.map((r) => ({ runId: r.run_id, state: r.state, runType: r.run_type, logicalDate: iso(r.logical_date), runAfter: r.run_after.toISOString(), startDate: iso(r.start_date), endDate: iso(r.end_date) })),
  };
}
