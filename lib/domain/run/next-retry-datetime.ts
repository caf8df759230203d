// Airflow's TaskInstance.next_retry_datetime (airflow/models/taskinstance.py, 3.1.8), exactly,
// including its deterministic jitter: sha1("<dag_id>#<task_id>#<logical_date>#<try_number>")
// read as a big integer, modulo the minimum backoff. Pure: the failed try's end time comes in.
//
// Airflow 3.1.8 treats retry_exponential_backoff as a boolean (base 2). Windsock also accepts a
// number, used as the base instead of 2 (true = 2.0), which is how later Airflow versions
// generalise it; for `true` the result is bit-for-bit Airflow 3.1.8's.

import { sha1 } from "@noble/hashes/legacy.js";

/** Airflow's [core] max_task_retry_delay default: 24 hours. */
export const MAX_RETRY_DELAY_SECONDS = 24 * 60 * 60;

/** The task fields that decide retry timing; durations in ms as in the DagSpec. */
export interface RetryTiming {
  retry_delay: number;
  retry_exponential_backoff: boolean | number;
  max_retry_delay: number | null;
}

export interface RetryKey {
  dag_id: string;
  task_id: string;
  /** ISO-8601 instant, or null for a run without a logical date. */
  logical_date: string | null;
  /** The try that just failed. */
  try_number: number;
}

/** Milliseconds to wait after the failed try `key.try_number` ended before the next try. */
export function retryDelayMs(timing: RetryTiming, key: RetryKey): number {
  const multiplier = backoffMultiplier(timing.retry_exponential_backoff);
  // Without backoff Airflow uses retry_delay as it is: no floor, no max_retry_delay.
  if (multiplier === null) return timing.retry_delay;

  // min_backoff = ceil(delay * base ** (try_number - 1)); Python raises OverflowError where
  // JavaScript yields Infinity or NaN, and Airflow then uses MAX_RETRY_DELAY.
  const raw = (timing.retry_delay / 1000) * multiplier ** (key.try_number - 1);
  let minBackoff: bigint;
  if (!Number.isFinite(raw)) minBackoff = BigInt(MAX_RETRY_DELAY_SECONDS);
  else minBackoff = BigInt(Math.ceil(raw));
  // Airflow's floor: a zero delay would otherwise divide by zero below.
  if (minBackoff < 1n) minBackoff = 1n;

  const tiHash = BigInt("0x" + toHex(sha1(utf8(jitterKey(key)))));
  const moddedHash = minBackoff + (tiHash % minBackoff);
  const cappedSeconds = moddedHash < BigInt(MAX_RETRY_DELAY_SECONDS) ? Number(moddedHash) : MAX_RETRY_DELAY_SECONDS;
  if (timing.max_retry_delay) return Math.min(timing.max_retry_delay, cappedSeconds * 1000);
  return cappedSeconds * 1000;
}

/** The instant the next try may start: the failed try's end plus the retry delay. */
export function nextRetryDatetime(timing: RetryTiming, key: RetryKey, endDate: string): string {
  const ms = Date.parse(endDate) + Math.round(retryDelayMs(timing, key));
  return new Date(ms).toISOString();
}

function backoffMultiplier(value: boolean | number): number | null {
  if (value === true) return 2;
  if (value === false || value === 0) return null;
  return value;
}

/** The string Airflow hashes; logical_date as Python's str(datetime) in UTC. */
export function jitterKey(key: RetryKey): string {
  return `${key.dag_id}#${key.task_id}#${pythonDatetimeStr(key.logical_date)}#${key.try_number}`;
}

/** str(datetime) of an aware UTC datetime: "2021-01-01 00:00:00+00:00", microseconds only when non-zero. */
export function pythonDatetimeStr(iso: string | null): string {
  if (iso === null) return "None";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`logical_date "${iso}" is not an ISO-8601 instant`);
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const base =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const micros = d.getUTCMilliseconds() * 1000;
  return `${base}${micros ? "." + pad(micros, 6) : ""}+00:00`;
}

// A small UTF-8 encoder: TextEncoder is not guaranteed inside Temporal's workflow sandbox.
function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
