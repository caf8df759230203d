// Fixed-window rate limits in PostgreSQL (RateLimitBucket), shared by every web replica.
// One atomic upsert per key: the window resets when it has passed, the count grows
// otherwise, and the caller learns when the window ends.
import { db } from "../db";

export interface RateLimitRule {
  /** e.g. "login:account:alice@example.com" or "login:ip:203.0.113.9" */
  key: string;
  limit: number;
  windowSeconds: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one attempt against every rule; refused if any rule is over its limit. */
export async function consumeRateLimits(rules: RateLimitRule[], now: Date = new Date()): Promise<RateLimitResult> {
  let retryAfterSeconds = 0;
  for (const rule of rules) {
    // Times travel as epoch milliseconds and are stored as UTC `timestamp(3)`, like Prisma
    // does, so the session time zone of the connection cannot skew a window.
    const nowMs = now.getTime();
    const windowMs = rule.windowSeconds * 1000;
    const rows = await db().$queryRaw<{ count: number; window_start_ms: number }[]>`
      WITH now_utc AS (SELECT (to_timestamp(${nowMs}::double precision / 1000) AT TIME ZONE 'UTC')::timestamp(3) AS t)
      INSERT INTO rate_limit_bucket (key, window_start, count)
      SELECT ${rule.key}, t, 1 FROM now_utc
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limit_bucket.window_start <= EXCLUDED.window_start - make_interval(secs => ${rule.windowSeconds}::double precision)
                     THEN 1 ELSE rate_limit_bucket.count + 1 END,
        window_start = CASE WHEN rate_limit_bucket.window_start <= EXCLUDED.window_start - make_interval(secs => ${rule.windowSeconds}::double precision)
                     THEN EXCLUDED.window_start ELSE rate_limit_bucket.window_start END
      RETURNING count, (extract(epoch FROM window_start) * 1000)::double precision AS window_start_ms`;
    const row = rows[0];
    if (row.count > rule.limit) {
      const endsAt = Number(row.window_start_ms) + windowMs;
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((endsAt - nowMs) / 1000));
    }
  }
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/**
 * Read-only: refused if any rule's current window already holds `limit` attempts. With
 * recordAttempts() after each failure, only failures count (a successful login costs nothing).
 */
export async function checkRateLimits(rules: RateLimitRule[], now: Date = new Date()): Promise<RateLimitResult> {
  if (rules.length === 0) return { allowed: true };
  const buckets = await db().rateLimitBucket.findMany({ where: { key: { in: rules.map((r) => r.key) } } });
  let retryAfterSeconds = 0;
  for (const rule of rules) {
    const bucket = buckets.find((b) => b.key === rule.key);
    if (!bucket) continue;
    const endsAt = bucket.windowStart.getTime() + rule.windowSeconds * 1000;
    if (endsAt > now.getTime() && bucket.count >= rule.limit) {
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((endsAt - now.getTime()) / 1000));
    }
  }
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/** Counts one attempt (a failed login, an account created) against every rule. */
export async function recordAttempts(rules: RateLimitRule[], now: Date = new Date()): Promise<void> {
  await consumeRateLimits(rules, now);
}

/** Forgets an account's failures after a successful login. */
export async function clearRateLimit(key: string): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { key } });
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
