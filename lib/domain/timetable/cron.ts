// Cron ticks as Airflow computes them (airflow/timetables/_cron.py, CronMixin): croniter
// walks the DAG timezone's naive wall clock, and the result is made aware with
// pendulum's gap/fold rules; schedules that fire every hour step by the naive delta
// from the current instant instead. One deliberate difference: `getPrev` never returns a
// tick at or after the given instant (released 3.1 can, around DST; fixed upstream in
// apache/airflow#70089).
import { CronExpressionParser, type CronExpression } from "cron-parser";
import { makeAware, makeNaive } from "./zone";

export interface CronIssue {
  message: string;
  hint: string;
}

const FIELD_NAMES = ["minute", "hour", "day of month", "month", "day of week"];
const FIELD_RANGES = ["0-59", "0-23", "1-31", "1-12 or JAN-DEC", "0-7 or SUN-SAT (0 and 7 are Sunday)"];

/** Checks a 5-field cron expression (presets already expanded); null when valid. */
export function checkCron(expression: string): CronIssue | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || expression.trim() === "") {
    return {
      message: `cron expression "${expression}" has ${expression.trim() === "" ? 0 : fields.length} fields; expected 5 (minute hour day-of-month month day-of-week)`,
      hint: 'write five fields, e.g. "0 6 * * 1-5", or a preset such as "@daily"',
    };
  }
  if (/[#W]/.test(fields[2] + fields[4]) || /L/i.test(fields[4])) {
    return {
      message: `cron expression "${expression}" uses "#", "W" or a day-of-week "L"`,
      hint: 'Airflow\'s cron (croniter) reads these differently from other cron tools; list the days instead, e.g. "0 0 1-7 * *" or "0 0 * * 1"',
    };
  }
  if (/[Hh]/.test(expression.replace(/[A-Za-z]{3}/g, (w) => (/^(thu|tue|sat|sun|mon|wed|fri|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/i.test(w) ? "" : w)))) {
    return { message: `cron expression "${expression}" uses "H" (hashed values)`, hint: "use fixed values; the SDK's spreadSchedule() derives a stable minute from a key" };
  }
  for (let i = 0; i < 5; i++) {
    try {
      const probe = ["*", "*", "*", "*", "*"];
      probe[i] = fields[i];
      CronExpressionParser.parse(probe.join(" "), { currentDate: 0, tz: "UTC" });
    } catch (e) {
      const reversed = /(^|,)(\d+)-(\d+)/.exec(fields[i]);
      if (reversed && Number(reversed[2]) > Number(reversed[3])) {
        return {
          message: `cron expression "${expression}": the ${FIELD_NAMES[i]} range "${reversed[2]}-${reversed[3]}" goes backwards`,
          hint: `write it as two ranges, e.g. "${reversed[2]}-${i === 0 ? 59 : i === 1 ? 23 : i === 2 ? 31 : i === 3 ? 12 : 6},${i === 2 || i === 3 ? 1 : 0}-${reversed[3]}"`,
        };
      }
      return {
        message: `cron expression "${expression}": the ${FIELD_NAMES[i]} field "${fields[i]}" is invalid (${(e as Error).message})`,
        hint: `${FIELD_NAMES[i]} accepts ${FIELD_RANGES[i]}, with *, lists (1,2), ranges (1-5) and steps (*/15)`,
      };
    }
  }
  try {
    naiveNext(expression, Date.UTC(2000, 0, 1));
  } catch (e) {
    return {
      message: `cron expression "${expression}" never fires (${(e as Error).message})`,
      hint: "check the day-of-month and month fields (e.g. 31 in a 30-day month)",
    };
  }
  return null;
}

function parse(expression: string, naiveMs: number): CronExpression {
  return CronExpressionParser.parse(expression, { currentDate: naiveMs, tz: "UTC" });
}

/** The expanded fields of a 5-field expression, as lookup tables. */
interface Compiled {
  minutes: number[];
  hours: number[];
  doms: boolean[];
  domLast: boolean;
  months: boolean[];
  dows: boolean[];
  domRestricted: boolean;
  dowRestricted: boolean;
}

const compiledCache = new Map<string, Compiled>();
function compile(expression: string): Compiled {
  let c = compiledCache.get(expression);
  if (c) return c;
  const f = parse(expression, 0).fields;
  const doms = new Array<boolean>(32).fill(false);
  let domLast = false;
  for (const v of f.dayOfMonth.values as (number | string)[]) {
    if (v === "L") domLast = true;
    else doms[Number(v)] = true;
  }
  const months = new Array<boolean>(13).fill(false);
  for (const v of f.month.values) months[Number(v)] = true;
  const dows = new Array<boolean>(7).fill(false);
  for (const v of f.dayOfWeek.values as (number | string)[]) dows[Number(v) % 7] = true;
  c = {
    minutes: [...f.minute.values].map(Number).sort((a, b) => a - b),
    hours: [...f.hour.values].map(Number).sort((a, b) => a - b),
    doms,
    domLast,
    months,
    dows,
    domRestricted: !f.dayOfMonth.isWildcard,
    dowRestricted: !f.dayOfWeek.isWildcard,
  };
  if (compiledCache.size > 1000) compiledCache.clear();
  compiledCache.set(expression, c);
  return c;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
// Enough days to find Feb 29 after a run of non-leap years, and to give up on impossible dates.
const MAX_STEPS = 50_000;

function dayMatches(c: Compiled, t: number): boolean {
  const d = new Date(t);
  const day = d.getUTCDate();
  const domMatch =
    c.doms[day] || (c.domLast && day === new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate());
  const dowMatch = c.dows[d.getUTCDay()];
  // Vixie cron (and croniter): when both fields are restricted, either may match.
  if (c.domRestricted && c.dowRestricted) return domMatch || dowMatch;
  if (c.domRestricted) return domMatch;
  if (c.dowRestricted) return dowMatch;
  return true;
}

/** croniter get_next on a naive wall clock: the first tick strictly after `naiveMs`. */
export function naiveNext(expression: string, naiveMs: number): number {
  const c = compile(expression);
  let t = Math.floor(naiveMs / MINUTE) * MINUTE + MINUTE;
  for (let step = 0; step < MAX_STEPS; step++) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth();
    if (!c.months[mo + 1]) {
      t = Date.UTC(y, mo + 1, 1);
      continue;
    }
    const dayStart = Date.UTC(y, mo, d.getUTCDate());
    if (!dayMatches(c, t)) {
      t = dayStart + DAY;
      continue;
    }
    const h = d.getUTCHours();
    const mi = d.getUTCMinutes();
    for (const hour of c.hours) {
      if (hour < h) continue;
      const minute = hour === h ? c.minutes.find((m) => m >= mi) : c.minutes[0];
      if (minute !== undefined) return dayStart + hour * 3_600_000 + minute * MINUTE;
    }
    t = dayStart + DAY;
  }
  throw new Error(`cron expression "${expression}" has no tick after ${new Date(naiveMs).toISOString()}`);
}

/** croniter get_prev on a naive wall clock: the last tick strictly before `naiveMs`. */
export function naivePrev(expression: string, naiveMs: number): number {
  const c = compile(expression);
  let t = Math.ceil(naiveMs / MINUTE) * MINUTE - MINUTE;
  for (let step = 0; step < MAX_STEPS; step++) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth();
    if (!c.months[mo + 1]) {
      t = Date.UTC(y, mo, 1) - MINUTE;
      continue;
    }
    const dayStart = Date.UTC(y, mo, d.getUTCDate());
    if (!dayMatches(c, t)) {
      t = dayStart - MINUTE;
      continue;
    }
    const h = d.getUTCHours();
    const mi = d.getUTCMinutes();
    for (let i = c.hours.length - 1; i >= 0; i--) {
      const hour = c.hours[i];
      if (hour > h) continue;
      const minute = hour === h ? c.minutes.findLast((m) => m <= mi) : c.minutes[c.minutes.length - 1];
      if (minute !== undefined) return dayStart + hour * 3_600_000 + minute * MINUTE;
    }
    t = dayStart - MINUTE;
  }
  throw new Error(`cron expression "${expression}" has no tick before ${new Date(naiveMs).toISOString()}`);
}

/** croniter normalizes an hour field covering 0-23 to "*"; Airflow then uses its delta-based DST fix. */
export function coversEveryHour(expression: string): boolean {
  return compile(expression).hours.length === 24;
}

/** A cron schedule in a timezone, with Airflow's CronMixin operations on UTC instants (epoch ms). */
export class CronSchedule {
  constructor(
    readonly expression: string,
    readonly timezone: string,
  ) {}

  getNext(current: number): number {
    const naive = makeNaive(current, this.timezone);
    const scheduled = naiveNext(this.expression, naive);
    if (!coversEveryHour(this.expression)) return makeAware(scheduled, this.timezone);
    return current + (scheduled - naive);
  }

  getPrev(current: number): number {
    const naive = makeNaive(current, this.timezone);
    let scheduled = naivePrev(this.expression, naive);
    if (coversEveryHour(this.expression)) return current - (naive - scheduled);
    let result = makeAware(scheduled, this.timezone);
    // apache/airflow#70089: a tick in a DST gap or fold can resolve to an instant at or
    // after `current`; keep stepping back until it truly precedes it.
    for (let guard = 0; result >= current && guard < 8; guard++) {
      scheduled = naivePrev(this.expression, scheduled);
      result = makeAware(scheduled, this.timezone);
    }
    return result;
  }

  alignToNext(current: number): number {
    const next = this.getNext(current);
    return this.getPrev(next) !== current ? next : current;
  }

  alignToPrev(current: number): number {
    const prev = this.getPrev(current);
    return this.getNext(prev) !== current ? prev : current;
  }
}
