// Wall-clock <-> instant conversions with Airflow's (pendulum's) rules for DST gaps and folds.
// A "naive" time is a local wall-clock time encoded as epoch ms as if that wall clock were UTC,
// so naive arithmetic never sees DST (as croniter does on Python's naive datetimes).
import { DateTime, IANAZone } from "luxon";

const HOUR = 3_600_000;

export function isValidTimezone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

const zoneCache = new Map<string, IANAZone>();
function zone(name: string): IANAZone {
  let z = zoneCache.get(name);
  if (!z) {
    z = IANAZone.create(name);
    zoneCache.set(name, z);
  }
  return z;
}

/** UTC offset in ms of `timezone` at the instant `epochMs`. */
export function offsetAt(epochMs: number, timezone: string): number {
  if (timezone === "UTC") return 0;
  return zone(timezone).offset(epochMs) * 60_000;
}

/** Airflow's make_naive: the wall-clock time of an instant in a timezone. */
export function makeNaive(epochMs: number, timezone: string): number {
  return epochMs + offsetAt(epochMs, timezone);
}

/**
 * Airflow's make_aware (fold=1, resolved by pendulum's Timezone.convert):
 * - a repeated wall time (fold) is the SECOND occurrence (the offset after the change);
 * - a skipped wall time (gap) moves forward by the gap, i.e. it is read with the
 *   offset before the change (02:30 in Zurich's spring gap becomes 03:30+02:00).
 */
export function makeAware(naiveMs: number, timezone: string): number {
  if (timezone === "UTC") return naiveMs;
  const before = offsetAt(naiveMs - 12 * HOUR, timezone);
  const after = offsetAt(naiveMs + 12 * HOUR, timezone);
  if (before === after) return naiveMs - before;
  const withAfter = naiveMs - after;
  const withBefore = naiveMs - before;
  const afterValid = offsetAt(withAfter, timezone) === after;
  const beforeValid = offsetAt(withBefore, timezone) === before;
  if (afterValid) return withAfter; // normal time after the change, or the second occurrence of a fold
  if (beforeValid) return withBefore; // normal time before the change
  return withBefore; // gap: shifted forward by the gap size
}

/** ISO string of an instant in a timezone, e.g. "2024-03-10T03:00:00-04:00" (for tables). */
export function formatInZone(epochMs: number, timezone: string): string {
  return DateTime.fromMillis(epochMs, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? "";
}

/** Parses an ISO-8601 instant; without an offset it is read as wall-clock time in `timezone`. */
export function parseInstant(text: string, timezone: string): number | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/.exec(
      text.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const ms = frac ? Math.round(Number("0." + frac) * 1000) : 0;
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
  const check = new Date(naive);
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h ?? 0) > 23 ||
    Number(mi ?? 0) > 59 ||
    Number(s ?? 0) > 59
  )
    return null;
  if (!off) return isValidTimezone(timezone) ? makeAware(naive, timezone) : null;
  if (off === "Z" || off === "z") return naive;
  const om = /^([+-])(\d{2}):?(\d{2})?$/.exec(off)!;
  const offMs = (Number(om[2]) * 60 + Number(om[3] ?? 0)) * 60_000;
  return om[1] === "+" ? naive - offMs : naive + offMs;
}

/** Python's datetime.isoformat() of a UTC instant: "2021-09-04T00:00:00+00:00" (microseconds when non-zero). */
export function pythonIsoUtc(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const base = iso.slice(0, 19);
  const millis = epochMs - Math.floor(epochMs / 1000) * 1000;
  return (millis ? `${base}.${String(millis).padStart(3, "0")}000` : base) + "+00:00";
}
