// What the DAG list and the scheduler need from a spec without reading it whole: the
// schedule as a short expression (Dag.scheduleSummary: "@daily", "0 6 * * 1-5", "P1D"),
// the schedule in words, and the scheduler's cursor (Airflow's next_dagrun_* columns).
import type { CalendarDelta, DagSpec, TimetableSpec } from "./spec";
import { formatInstant } from "./spec";
import { describeCron, describeDelta, describeTimetable } from "../timetable/describe";
import { nextDagrunInfo, nextRuns, type DataInterval, type DagRunInfo } from "../timetable/timetables";

/** A CalendarDelta as an ISO-8601 duration ("P1M", "P1D", "PT30M"). */
export function isoDuration(d: CalendarDelta): string {
  const years = Math.trunc(d.months / 12);
  const months = d.months % 12;
  let ms = d.ms;
  const days = Math.floor(ms / 86_400_000);
  ms -= days * 86_400_000;
  const hours = Math.floor(ms / 3_600_000);
  ms -= hours * 3_600_000;
  const minutes = Math.floor(ms / 60_000);
  ms -= minutes * 60_000;
  const seconds = ms / 1000;
  let out = "P" + (years ? `${years}Y` : "") + (months ? `${months}M` : "") + (days ? `${days}D` : "");
  if (hours || minutes || seconds) out += "T" + (hours ? `${hours}H` : "") + (minutes ? `${minutes}M` : "") + (seconds ? `${seconds}S` : "");
  return out === "P" ? "PT0S" : out;
}

/** The schedule as a short expression; null for manual-only DAGs. */
export function scheduleExpression(spec: Pick<DagSpec, "schedule" | "timetable">): string | null {
  if (spec.schedule !== null) return spec.schedule;
  const tt = spec.timetable;
  switch (tt.type) {
    case "none":
      return null;
    case "once":
      return "@once";
    case "continuous":
      return "@continuous";
    case "cron_data_interval":
    case "cron_trigger":
      return tt.cron;
    case "delta_data_interval":
    case "delta_trigger":
      return isoDuration(tt.delta);
  }
}

/** The schedule in a few words for a table cell ("at 06:00 every day", "every 1 hour"). */
export function scheduleInWords(tt: TimetableSpec): string {
  switch (tt.type) {
    case "none":
      return "Manual only";
    case "once":
      return "Once";
    case "continuous":
      return "Continuously";
    case "cron_data_interval":
    case "cron_trigger": {
      const words = describeCron(tt.cron);
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
    case "delta_data_interval":
    case "delta_trigger":
      return `Every ${describeDelta(tt.delta)}`;
  }
}

export { describeTimetable };

export interface NextDagrun {
  createAfter: Date;
  logicalDate: Date;
  dataIntervalStart: Date;
  dataIntervalEnd: Date;
}

function restrictionOf(spec: Pick<DagSpec, "start_date" | "end_date" | "catchup">) {
  return {
    earliest: spec.start_date ? Date.parse(spec.start_date) : null,
    latest: spec.end_date ? Date.parse(spec.end_date) : null,
    catchup: spec.catchup,
  };
}

/**
 * The scheduler's cursor after a deploy or an unpause, as Airflow's
 * `calculate_dagrun_date_fields`: the timetable's next run after the last automated run's
 * data interval (null when there was none), at `now`. Null when nothing will be scheduled.
 */
export function nextDagrunFields(
  spec: Pick<DagSpec, "timetable" | "start_date" | "end_date" | "catchup">,
  lastAutomated: DataInterval | null,
  now: number,
): NextDagrun | null {
  const info = nextDagrunInfo(spec.timetable, lastAutomated, restrictionOf(spec), now);
  if (!info) return null;
  return {
    createAfter: new Date(info.run_after),
    logicalDate: new Date(info.data_interval.start),
    dataIntervalStart: new Date(info.data_interval.start),
    dataIntervalEnd: new Date(info.data_interval.end),
  };
}

export interface RunPreview {
  run_after: string;
  logical_date: string;
  data_interval_start: string;
  data_interval_end: string;
}

/** The next `count` scheduled runs, as `windsock dags next-runs` prints them. */
export function previewNextRuns(
  spec: Pick<DagSpec, "timetable" | "start_date" | "end_date" | "catchup">,
  lastAutomated: DataInterval | null,
  now: number,
  count: number,
): RunPreview[] {
  return nextRuns(spec.timetable, lastAutomated, restrictionOf(spec), now, count).map((r: DagRunInfo) => ({
    run_after: formatInstant(r.run_after),
    logical_date: formatInstant(r.data_interval.start),
    data_interval_start: formatInstant(r.data_interval.start),
    data_interval_end: formatInstant(r.data_interval.end),
  }));
}
