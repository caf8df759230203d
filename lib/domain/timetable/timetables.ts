// Airflow's timetables (airflow/timetables/{interval,trigger,simple}.py, 3.1.8) as pure
// functions on UTC epoch ms. `now` replaces utcnow() so results are reproducible.
import type { TimetableSpec } from "../dag/spec";
import { CronSchedule } from "./cron";
import { addDelta, approxDeltaMs, isZeroDelta } from "./delta";

export interface DataInterval {
  start: number;
  end: number;
}

/** Airflow's DagRunInfo: logical_date is data_interval.start. */
export interface DagRunInfo {
  run_after: number;
  data_interval: DataInterval;
}

/** Airflow's TimeRestriction: DAG start_date / end_date (ms) and catchup. */
export interface TimeRestriction {
  earliest: number | null;
  latest: number | null;
  catchup: boolean;
}

const FIVE_MINUTES = 5 * 60_000;

/** The operations Airflow's cron and delta mixins share. */
interface Stepper {
  getNext(t: number): number;
  getPrev(t: number): number;
  alignToNext(t: number): number;
  alignToPrev(t: number): number;
}

function deltaStepper(delta: TimetableSpec & { type: "delta_data_interval" | "delta_trigger" }): Stepper {
  const d = delta.delta;
  return {
    getNext: (t) => addDelta(t, d, 1),
    getPrev: (t) => addDelta(t, d, -1),
    alignToNext: (t) => t,
    alignToPrev: (t) => t,
  };
}

function stepperFor(tt: TimetableSpec): Stepper | null {
  switch (tt.type) {
    case "cron_data_interval":
    case "cron_trigger":
      return new CronSchedule(tt.cron, tt.timezone);
    case "delta_data_interval":
    case "delta_trigger":
      return deltaStepper(tt);
    default:
      return null;
  }
}

/** Whether the timetable creates runs by itself (Airflow's `can_be_scheduled`, minus `once`). */
export function isPeriodic(tt: TimetableSpec): boolean {
  return stepperFor(tt) !== null;
}

function interval(start: number, end: number): DagRunInfo {
  return { run_after: end, data_interval: { start, end } };
}

function dataIntervalNext(
  tt: TimetableSpec & { type: "cron_data_interval" | "delta_data_interval" },
  s: Stepper,
  last: DataInterval | null,
  r: TimeRestriction,
  now: number,
): DagRunInfo | null {
  let earliest = r.earliest;
  if (!r.catchup) earliest = skipToLatest(tt, s, earliest, now);
  else if (earliest !== null) earliest = s.alignToNext(earliest);
  let start: number;
  if (last === null) {
    if (earliest === null) return null;
    start = earliest;
  } else {
    const alignedEnd = s.alignToPrev(last.end);
    start = earliest !== null ? Math.max(alignedEnd, earliest) : alignedEnd;
  }
  if (r.latest !== null && start > r.latest) return null;
  return interval(start, s.getNext(start));
}

function skipToLatest(
  tt: TimetableSpec & { type: "cron_data_interval" | "delta_data_interval" },
  s: Stepper,
  earliest: number | null,
  now: number,
): number {
  if (tt.type === "cron_data_interval") {
    const lastStart = s.getPrev(now);
    const nextStart = s.getNext(lastStart);
    let newStart: number;
    if (nextStart === now) newStart = lastStart;
    else if (nextStart > now) newStart = s.getPrev(lastStart);
    else throw new Error("next schedule shouldn't be earlier");
    return earliest === null ? newStart : Math.max(newStart, s.alignToNext(earliest));
  }
  // DeltaDataIntervalTimetable._round: floor the epoch to a multiple of the delta (in s).
  const stepMs = approxDeltaMs(tt.delta);
  const rounded = stepMs > 0 ? now - (((now % stepMs) + stepMs) % stepMs) : now;
  const newStart = s.getPrev(rounded);
  return earliest === null ? newStart : Math.max(newStart, earliest);
}

function triggerNext(
  tt: TimetableSpec & { type: "cron_trigger" | "delta_trigger" },
  s: Stepper,
  last: DataInterval | null,
  r: TimeRestriction,
  now: number,
): DagRunInfo | null {
  let next: number;
  if (r.catchup) {
    if (last !== null) next = s.getNext(last.end);
    else if (r.earliest === null) next = calcFirstRun(tt, s, now);
    else next = s.alignToNext(r.earliest);
  } else {
    const candidates = [s.alignToPrev(now)];
    if (last !== null) candidates.push(s.getNext(last.end));
    else if (r.earliest === null) candidates.push(calcFirstRun(tt, s, now));
    if (r.earliest !== null) candidates.push(s.alignToNext(r.earliest));
    next = Math.max(...candidates);
  }
  if (r.latest !== null && r.latest < next) return null;
  return interval(addDelta(next, tt.interval, -1), next);
}

function calcFirstRun(tt: TimetableSpec & { type: "cron_trigger" | "delta_trigger" }, s: Stepper, now: number): number {
  if (tt.type === "delta_trigger") return s.alignToPrev(now);
  const past = s.alignToPrev(now);
  const next = s.alignToNext(now);
  if (tt.run_immediately === true) return past;
  const buffer =
    typeof tt.run_immediately === "number" ? tt.run_immediately : Math.max((next - past) / 10, FIVE_MINUTES);
  return now - past <= buffer ? past : next;
}

/**
 * Airflow's `timetable.next_dagrun_info(last_automated_data_interval, restriction)`.
 * `now` stands in for utcnow(). Returns null when no further run will be scheduled.
 */
export function nextDagrunInfo(
  tt: TimetableSpec,
  last: DataInterval | null,
  restriction: TimeRestriction,
  now: number,
): DagRunInfo | null {
  switch (tt.type) {
    case "none":
      return null;
    case "once": {
      if (last !== null) return null;
      const runAfter = restriction.earliest ?? now;
      if (restriction.latest !== null && runAfter > restriction.latest) return null;
      return interval(runAfter, runAfter);
    }
    case "continuous": {
      if (restriction.earliest === null) return null;
      let start: number;
      let end: number;
      if (last !== null) {
        if (last.end > now) {
          start = restriction.earliest;
          end = start + (last.end - last.start);
        } else {
          start = last.end;
          end = now;
        }
      } else {
        start = restriction.earliest;
        end = Math.max(restriction.earliest, now);
      }
      if (restriction.latest !== null && end > restriction.latest) return null;
      return interval(start, end);
    }
    case "cron_data_interval":
    case "delta_data_interval":
      return dataIntervalNext(tt, stepperFor(tt)!, last, restriction, now);
    case "cron_trigger":
    case "delta_trigger":
      return triggerNext(tt, stepperFor(tt)!, last, restriction, now);
  }
}

/** Airflow's `infer_manual_data_interval(run_after)`: the data interval of a manual run. */
export function inferManualDataInterval(tt: TimetableSpec, runAfter: number): DataInterval {
  switch (tt.type) {
    case "none":
    case "once":
    case "continuous":
      return { start: runAfter, end: runAfter };
    case "cron_data_interval": {
      const s = new CronSchedule(tt.cron, tt.timezone);
      const end = s.alignToPrev(runAfter);
      return { start: s.getPrev(end), end };
    }
    case "delta_data_interval":
      return { start: addDelta(runAfter, tt.delta, -1), end: runAfter };
    case "cron_trigger":
    case "delta_trigger":
      return { start: isZeroDelta(tt.interval) ? runAfter : addDelta(runAfter, tt.interval, -1), end: runAfter };
  }
}

/**
 * The next `count` runs, each computed from the previous one (as the scheduler does,
 * ignoring pause, max_active_runs and existing runs). Stops early when none comes, or
 * when the timetable returns the previous interval again (only `continuous` with a frozen
 * clock does): that run would carry the same run_id, so the scheduler could not create it.
 */
export function nextRuns(
  tt: TimetableSpec,
  after: DataInterval | null,
  restriction: TimeRestriction,
  now: number,
  count: number,
): DagRunInfo[] {
  const out: DagRunInfo[] = [];
  let last = after;
  for (let i = 0; i < count; i++) {
    const info = nextDagrunInfo(tt, last, restriction, now);
    if (!info) break;
    if (last && info.data_interval.start === last.start && info.data_interval.end === last.end) break;
    out.push(info);
    last = info.data_interval;
  }
  return out;
}
