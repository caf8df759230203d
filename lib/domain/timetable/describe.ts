// Schedules in words, for the CLI table and the DAG list ("at 06:00 every day (Europe/Zurich)").
import type { CalendarDelta, TimetableSpec } from "../dag/spec";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAY_NAMES: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const MONTH_NAMES: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

const pad = (n: number) => String(n).padStart(2, "0");

/** A fixed or calendar duration in words: "1 day", "6 hours", "1 month and 2 days". */
export function describeDelta(d: CalendarDelta): string {
  const parts: string[] = [];
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const years = Math.trunc(d.months / 12);
  const months = d.months % 12;
  if (years) parts.push(plural(years, "year"));
  if (months) parts.push(plural(months, "month"));
  let ms = d.ms;
  const units: [number, string][] = [
    [7 * 86_400_000, "week"],
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1000, "second"],
  ];
  for (const [size, unit] of units) {
    const n = Math.floor(ms / size);
    if (n) parts.push(plural(n, unit));
    ms -= n * size;
  }
  if (ms) parts.push(plural(ms, "millisecond"));
  if (!parts.length) return "0 seconds";
  return parts.length === 1 ? parts[0] : parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1];
}

function names(field: string, table: Record<string, number>, words: string[], offset: number): string | null {
  // "1-5" -> "Monday through Friday", "1,3" -> "Monday and Wednesday"
  const norm = field.toUpperCase().replace(/[A-Z]{3}/g, (w) => String(table[w] ?? w));
  const word = (n: number) => words[(n - offset + words.length) % words.length];
  const range = /^(\d+)-(\d+)$/.exec(norm);
  if (range) return `${word(Number(range[1]))} through ${word(Number(range[2]))}`;
  if (/^\d+(,\d+)*$/.test(norm)) {
    const list = norm.split(",").map((x) => word(Number(x)));
    return list.length === 1 ? list[0] : list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }
  return null;
}

/** A 5-field cron expression in words (best effort; falls back to the expression). */
export function describeCron(expression: string): string {
  const f = expression.trim().split(/\s+/);
  if (f.length !== 5) return expression;
  const [min, hour, dom, mon, dow] = f;
  let time: string;
  const isNum = (s: string) => /^\d+$/.test(s);
  const step = (s: string) => /^\*\/(\d+)$/.exec(s)?.[1];
  if (isNum(min) && isNum(hour)) time = `at ${pad(Number(hour))}:${pad(Number(min))}`;
  else if (isNum(min) && hour === "*") time = `every hour at minute ${Number(min)}`;
  else if (min === "*" && hour === "*") time = "every minute";
  else if (step(min) && hour === "*") time = `every ${step(min)} minutes`;
  else if (isNum(min) && step(hour)) time = `at minute ${Number(min)} of every ${step(hour)} hours`;
  else if (isNum(min) && /^\d+(,\d+)+$/.test(hour)) time = `at ${hour.split(",").map((h) => `${pad(Number(h))}:${pad(Number(min))}`).join(", ")}`;
  else if (isNum(min) && /^\d+-\d+$/.test(hour)) time = `every hour from ${pad(Number(hour.split("-")[0]))}:${pad(Number(min))} to ${pad(Number(hour.split("-")[1]))}:${pad(Number(min))}`;
  else return `cron "${expression}"`;

  const parts: string[] = [time];
  const dowWords = dow === "*" || dow === "?" ? null : names(dow, DAY_NAMES, DAYS, 0);
  const monWords = mon === "*" ? null : step(mon) ? `every ${step(mon)} months` : names(mon, MONTH_NAMES, MONTHS, 1);
  if ((dow !== "*" && dow !== "?" && !dowWords) || (mon !== "*" && !monWords)) return `cron "${expression}"`;
  if (dom === "*" || dom === "?") {
    parts.push(dowWords ? `on ${dowWords}` : time.startsWith("every") ? "" : "every day");
  } else if (dom === "L") {
    parts.push("on the last day of the month");
  } else if (/^\d+(,\d+)*$/.test(dom)) {
    parts.push(`on day ${dom.split(",").join(", ")} of the month`);
    if (dowWords) parts.push(`or on ${dowWords}`);
  } else return `cron "${expression}"`;
  if (monWords) parts.push(monWords.startsWith("every") ? monWords.replace("every", "of every") : `in ${monWords}`);
  return parts.filter(Boolean).join(" ");
}

/** The whole timetable in words, including when runs happen relative to their data interval. */
export function describeTimetable(tt: TimetableSpec): string {
  switch (tt.type) {
    case "none":
      return "never scheduled; manual and API triggers only";
    case "once":
      return "once, as soon as possible after start_date";
    case "continuous":
      return "continuously: a new run as soon as the previous one ends";
    case "cron_data_interval":
      return `${describeCron(tt.cron)} (${tt.timezone}); each run covers the interval between two ticks and starts when it ends`;
    case "cron_trigger": {
      const di = tt.interval.months || tt.interval.ms ? `, with a data interval of ${describeDelta(tt.interval)} ending at the tick` : "";
      return `${describeCron(tt.cron)} (${tt.timezone}); runs at each tick${di}`;
    }
    case "delta_data_interval":
      return `every ${describeDelta(tt.delta)}; each run covers the interval that just ended`;
    case "delta_trigger": {
      const di = tt.interval.months || tt.interval.ms ? `, with a data interval of ${describeDelta(tt.interval)}` : "";
      return `every ${describeDelta(tt.delta)}${di}`;
    }
  }
}
