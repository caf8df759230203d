// Invariants of the timetables over random instants, zones (with DST) and schedules.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TimetableSpec } from "../../../lib/domain/dag/spec";
import { CronSchedule } from "../../../lib/domain/timetable/cron";
import { inferManualDataInterval, nextRuns } from "../../../lib/domain/timetable/timetables";

const ZONES = ["UTC", "Europe/Zurich", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo"];
const CRONS = ["0 0 * * *", "30 2 * * *", "0 * * * *", "*/20 * * * *", "15 1,2,3 * * *", "0 2 * * 0", "0 0 1 * *", "45 23 L * *", "0 9-17 * * 1-5", "0 0 29 2 *"];
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) });
// Around DST changes the interesting cases cluster: bias towards 00:00-04:00 local windows.
const nearDst = fc
  .tuple(fc.integer({ min: 2015, max: 2030 }), fc.constantFrom(2, 3, 9, 10, 11), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 6 * 60 }))
  .map(([y, m, d, min]) => Date.UTC(y, m, d) + min * 60_000);
const when = fc.oneof(instant, nearDst);
const zone = fc.constantFrom(...ZONES);
const cron = fc.constantFrom(...CRONS);
const delta = fc.oneof(
  fc.integer({ min: 1, max: 7 * 24 * 60 }).map((m) => ({ months: 0, ms: m * 60_000 })),
  fc.integer({ min: 1, max: 14 }).map((months) => ({ months, ms: 0 })),
);

describe("cron ticks across DST", () => {
  it("getPrev is strictly before and getNext strictly after the given instant", () => {
    fc.assert(
      fc.property(cron, zone, when, (c, z, t) => {
        const s = new CronSchedule(c, z);
        expect(s.getPrev(t)).toBeLessThan(t);
        expect(s.getNext(t)).toBeGreaterThan(t);
        expect(s.alignToPrev(t)).toBeLessThanOrEqual(t);
        expect(s.alignToNext(t)).toBeGreaterThanOrEqual(t);
      }),
      { numRuns: 400 },
    );
  });
});

describe("data-interval timetables", () => {
  it("give contiguous, strictly increasing, never zero-length intervals that run at their end", () => {
    const tt = fc.oneof(
      fc.tuple(cron, zone).map(([c, z]): TimetableSpec => ({ type: "cron_data_interval", cron: c, timezone: z })),
      delta.map((d): TimetableSpec => ({ type: "delta_data_interval", delta: d })),
    );
    fc.assert(
      fc.property(tt, when, fc.integer({ min: 0, max: 400 * 86_400_000 }), (t, start, ahead) => {
        const runs = nextRuns(t, null, { earliest: start, latest: null, catchup: true }, start + ahead, 12);
        expect(runs.length).toBe(12);
        expect(runs[0].data_interval.start).toBeGreaterThanOrEqual(start);
        for (let i = 0; i < runs.length; i++) {
          const r = runs[i];
          expect(r.data_interval.end).toBeGreaterThan(r.data_interval.start);
          expect(r.run_after).toBe(r.data_interval.end);
          if (i > 0) expect(r.data_interval.start).toBe(runs[i - 1].data_interval.end);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("infer a manual interval that ends at or before the trigger time and is not empty", () => {
    fc.assert(
      fc.property(cron, zone, when, (c, z, t) => {
        const di = inferManualDataInterval({ type: "cron_data_interval", cron: c, timezone: z }, t);
        expect(di.start).toBeLessThan(di.end);
        expect(di.end).toBeLessThanOrEqual(t);
      }),
      { numRuns: 400 },
    );
  });
});

describe("trigger timetables", () => {
  it("run at strictly increasing ticks, with the data interval ending at the tick", () => {
    const tt = fc.oneof(
      fc.tuple(cron, zone, fc.constantFrom(0, 3_600_000, 86_400_000)).map(
        ([c, z, ms]): TimetableSpec => ({ type: "cron_trigger", cron: c, timezone: z, interval: { months: 0, ms }, run_immediately: false }),
      ),
      delta.map((d): TimetableSpec => ({ type: "delta_trigger", delta: d, interval: { months: 0, ms: 0 } })),
    );
    fc.assert(
      fc.property(tt, when, fc.boolean(), fc.integer({ min: 0, max: 40 * 86_400_000 }), (t, start, catchup, ahead) => {
        const runs = nextRuns(t, null, { earliest: start, latest: null, catchup }, start + ahead, 8);
        expect(runs.length).toBe(8);
        for (let i = 0; i < runs.length; i++) {
          expect(runs[i].data_interval.end).toBe(runs[i].run_after);
          expect(runs[i].data_interval.start).toBeLessThanOrEqual(runs[i].data_interval.end);
          if (i > 0) expect(runs[i].run_after).toBeGreaterThan(runs[i - 1].run_after);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never schedule past end_date", () => {
    fc.assert(
      fc.property(cron, zone, when, fc.integer({ min: 0, max: 10 * 86_400_000 }), (c, z, start, span) => {
        const t: TimetableSpec = { type: "cron_trigger", cron: c, timezone: z, interval: { months: 0, ms: 0 }, run_immediately: false };
        const runs = nextRuns(t, null, { earliest: start, latest: start + span, catchup: true }, start, 50);
        for (const r of runs) expect(r.run_after).toBeLessThanOrEqual(start + span);
      }),
      { numRuns: 200 },
    );
  });
});
