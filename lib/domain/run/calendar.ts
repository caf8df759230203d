// The Calendar view's pure parts: which local days a heatmap of weeks covers (Monday-first
// columns, as ISO weeks), a run's local day in the DAG's timezone, and the one state a day
// shows for the states of its runs.
import { DateTime } from "luxon";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DD" of an instant on the wall clock of `timezone`. */
export function localDay(epochMs: number, timezone: string): string {
  return DateTime.fromMillis(epochMs, { zone: timezone }).toISODate()!;
}

export function isDay(text: unknown): text is string {
  return typeof text === "string" && DAY.test(text) && DateTime.fromISO(text, { zone: "UTC" }).isValid;
}

/** The instant a local day starts in `timezone` (midnight, or the first valid time after a DST gap). */
export function dayStart(day: string, timezone: string): number {
  return DateTime.fromISO(day, { zone: timezone }).startOf("day").toMillis();
}

export const addDays = (day: string, n: number) => DateTime.fromISO(day, { zone: "UTC" }).plus({ days: n }).toISODate()!;

/**
 * The days a year-style heatmap shows around `today`: from the Monday `weeksBack` weeks
 * before today's week to the Sunday `weeksAhead` weeks after it (room for planned runs).
 * `to` is exclusive (the Monday after the last Sunday).
 */
export function calendarRange(today: string, weeksBack = 52, weeksAhead = 4): { from: string; to: string } {
  const d = DateTime.fromISO(today, { zone: "UTC" });
  const monday = d.minus({ days: d.weekday - 1 });
  return { from: monday.minus({ weeks: weeksBack }).toISODate()!, to: monday.plus({ weeks: weeksAhead + 1 }).toISODate()! };
}

/** One calendar year in whole weeks: from the Monday on or before 1 January to the Monday after 31 December. */
export function calendarYear(year: number): { from: string; to: string } {
  const jan1 = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: "UTC" });
  const dec31 = DateTime.fromObject({ year, month: 12, day: 31 }, { zone: "UTC" });
  return { from: jan1.minus({ days: jan1.weekday - 1 }).toISODate()!, to: dec31.plus({ days: 8 - dec31.weekday }).toISODate()! };
}

/** The range's days as columns of 7 (Monday … Sunday); `from` must be a Monday. */
export function calendarWeeks(from: string, to: string): string[][] {
  const weeks: string[][] = [];
  for (let day = from; day < to; ) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) week.push(day);
    weeks.push(week);
  }
  return weeks;
}

/** States that mean "not finished yet". */
const ACTIVE = new Set(["queued", "running", "scheduled", "up_for_retry", "up_for_reschedule"]);

/**
 * The state a day is drawn in: failed when any run failed (that is what an operator looks
 * for), else running while any run is unfinished, else success when all succeeded; a day
 * with only planned runs is "planned", a day with nothing is null.
 */
export function dayState(counts: Record<string, number>, planned = 0): "failed" | "running" | "success" | "planned" | null {
  let total = 0;
  let active = 0;
  for (const [state, n] of Object.entries(counts)) {
    if (!n) continue;
    total += n;
    if (state === "failed") return "failed";
    if (ACTIVE.has(state)) active += n;
  }
  if (active) return "running";
  if (total) return "success";
  return planned ? "planned" : null;
}

/** "2026-11-03: 3 success, 1 failed" (states in a fixed order, then planned). */
export function dayLabel(day: string, counts: Record<string, number>, planned = 0): string {
  const order = ["success", "failed", "running", "queued"];
  const states = Object.keys(counts)
    .filter((s) => counts[s] > 0)
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const parts = states.map((s) => `${counts[s]} ${s.replace(/_/g, " ")}`);
  if (planned) parts.push(`${planned} planned`);
  return `${day}: ${parts.length ? parts.join(", ") : "no runs"}`;
}
