// Timetable steps: fixed ms (Python timedelta) plus calendar months (dateutil relativedelta),
// applied to UTC instants as Airflow's DeltaMixin does (months first, day clamped to the
// month's length, then the fixed part).
import type { CalendarDelta } from "../dag/spec";

export function isZeroDelta(d: CalendarDelta): boolean {
  return d.months === 0 && d.ms === 0;
}

export function addDelta(epochMs: number, d: CalendarDelta, sign: 1 | -1 = 1): number {
  let t = epochMs;
  if (d.months !== 0) {
    const date = new Date(t);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + sign * d.months;
    const targetYear = y + Math.floor(m / 12);
    const targetMonth = ((m % 12) + 12) % 12;
    const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
    const day = Math.min(date.getUTCDate(), lastDay);
    t = Date.UTC(
      targetYear,
      targetMonth,
      day,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    );
  }
  return t + sign * d.ms;
}

/** DeltaDataIntervalTimetable._relativedelta_in_seconds: years 365 d, months 30 d. In ms. */
export function approxDeltaMs(d: CalendarDelta): number {
  if (d.months === 0) return d.ms;
  const years = Math.trunc(d.months / 12);
  const months = d.months - years * 12;
  // relativedelta drops sub-second parts in this formula (it sums whole fields).
  return (years * 365 + months * 30) * 86_400_000 + Math.trunc(d.ms / 1000) * 1000;
}
