// Examples from Airflow's documentation (DAG Runs, Timetables, Cron & time intervals),
// written as tables; the full comparison against Airflow itself is airflow-reference.test.ts.
import { describe, expect, it } from "vitest";
import type { TimetableSpec } from "../../../lib/domain/dag/spec";
import { describeCron, describeTimetable } from "../../../lib/domain/timetable/describe";
import { generateRunId } from "../../../lib/domain/timetable/run-id";
import { inferManualDataInterval, nextRuns } from "../../../lib/domain/timetable/timetables";

const u = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const zero = { months: 0, ms: 0 };

function runs(tt: TimetableSpec, earliest: string | null, catchup: boolean, now: string, n = 3, after?: [string, string]) {
  return nextRuns(
    tt,
    after ? { start: u(after[0]), end: u(after[1]) } : null,
    { earliest: earliest ? u(earliest) : null, latest: null, catchup },
    u(now),
    n,
  ).map((r) => [iso(r.data_interval.start), iso(r.data_interval.end), iso(r.run_after)]);
}

describe("documented examples", () => {
  it('"@daily" with data intervals and catchup: one run per day from start_date, each after its day ends', () => {
    const tt: TimetableSpec = { type: "cron_data_interval", cron: "0 0 * * *", timezone: "UTC" };
    expect(runs(tt, "2015-12-01T00:00:00Z", true, "2016-01-02T00:00:00Z")).toEqual([
      ["2015-12-01T00:00:00Z", "2015-12-02T00:00:00Z", "2015-12-02T00:00:00Z"],
      ["2015-12-02T00:00:00Z", "2015-12-03T00:00:00Z", "2015-12-03T00:00:00Z"],
      ["2015-12-03T00:00:00Z", "2015-12-04T00:00:00Z", "2015-12-04T00:00:00Z"],
    ]);
  });

  it("without catchup, only the latest complete interval runs", () => {
    const tt: TimetableSpec = { type: "cron_data_interval", cron: "0 0 * * *", timezone: "UTC" };
    expect(runs(tt, "2015-12-01T00:00:00Z", false, "2016-01-02T06:00:00Z", 1)).toEqual([
      ["2016-01-01T00:00:00Z", "2016-01-02T00:00:00Z", "2016-01-02T00:00:00Z"],
    ]);
  });

  it("a start_date off the schedule is aligned to the next tick", () => {
    const tt: TimetableSpec = { type: "cron_data_interval", cron: "0 0 * * *", timezone: "UTC" };
    expect(runs(tt, "2021-09-03T15:00:00Z", true, "2021-10-01T00:00:00Z", 1)).toEqual([
      ["2021-09-04T00:00:00Z", "2021-09-05T00:00:00Z", "2021-09-05T00:00:00Z"],
    ]);
  });

  it("after a schedule change, the next interval realigns to the new schedule", () => {
    const tt: TimetableSpec = { type: "cron_data_interval", cron: "0 6 * * *", timezone: "UTC" };
    expect(runs(tt, "2024-01-01T00:00:00Z", true, "2024-02-01T00:00:00Z", 1, ["2024-01-09T00:00:00Z", "2024-01-10T00:00:00Z"])).toEqual([
      ["2024-01-09T06:00:00Z", "2024-01-10T06:00:00Z", "2024-01-10T06:00:00Z"],
    ]);
  });

  it("CronTriggerTimetable('0 1 * * 3', interval=1 day): runs Wednesdays 01:00 for the day before", () => {
    const tt: TimetableSpec = { type: "cron_trigger", cron: "0 1 * * 3", timezone: "UTC", interval: { months: 0, ms: 86_400_000 }, run_immediately: false };
    expect(runs(tt, "2024-01-01T00:00:00Z", true, "2024-02-01T00:00:00Z", 2)).toEqual([
      ["2024-01-02T01:00:00Z", "2024-01-03T01:00:00Z", "2024-01-03T01:00:00Z"],
      ["2024-01-09T01:00:00Z", "2024-01-10T01:00:00Z", "2024-01-10T01:00:00Z"],
    ]);
  });

  it("a trigger timetable without an interval has logical date = data interval = the tick", () => {
    const tt: TimetableSpec = { type: "cron_trigger", cron: "0 0 * * *", timezone: "UTC", interval: zero, run_immediately: false };
    expect(runs(tt, "2024-01-01T00:00:00Z", true, "2024-02-01T00:00:00Z", 1)).toEqual([["2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"]]);
  });

  it("run_immediately picks the most recent tick only within the buffer when there is no start_date", () => {
    const at = (ri: boolean | number, now: string) =>
      runs({ type: "cron_trigger", cron: "0 * * * *", timezone: "UTC", interval: zero, run_immediately: ri }, null, true, now, 1)[0][2];
    expect(at(true, "2024-05-06T10:40:00Z")).toBe("2024-05-06T10:00:00Z");
    expect(at(false, "2024-05-06T10:40:00Z")).toBe("2024-05-06T11:00:00Z");
    expect(at(45 * 60_000, "2024-05-06T10:40:00Z")).toBe("2024-05-06T10:00:00Z");
    expect(at(30 * 60_000, "2024-05-06T10:40:00Z")).toBe("2024-05-06T11:00:00Z");
  });

  it("@once runs once at start_date; a DAG without a schedule never runs by itself", () => {
    expect(runs({ type: "once" }, "2024-01-01T00:00:00Z", false, "2024-05-01T00:00:00Z")).toEqual([
      ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"],
    ]);
    expect(runs({ type: "none" }, "2024-01-01T00:00:00Z", true, "2024-05-01T00:00:00Z")).toEqual([]);
  });

  it("a daily schedule keeps local wall-clock time across DST (Europe/Zurich, 2024-03-31)", () => {
    const tt: TimetableSpec = { type: "cron_data_interval", cron: "0 0 * * *", timezone: "Europe/Zurich" };
    expect(runs(tt, "2024-03-29T23:00:00Z", true, "2024-05-01T00:00:00Z", 3)).toEqual([
      ["2024-03-29T23:00:00Z", "2024-03-30T23:00:00Z", "2024-03-30T23:00:00Z"],
      ["2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z", "2024-03-31T22:00:00Z"], // a 23-hour day
      ["2024-03-31T22:00:00Z", "2024-04-01T22:00:00Z", "2024-04-01T22:00:00Z"],
    ]);
  });

  it("manual runs infer the data interval as Airflow does", () => {
    const di = inferManualDataInterval({ type: "cron_data_interval", cron: "0 0 * * *", timezone: "UTC" }, u("2024-01-05T13:00:00Z"));
    expect([iso(di.start), iso(di.end)]).toEqual(["2024-01-04T00:00:00Z", "2024-01-05T00:00:00Z"]);
    const none = inferManualDataInterval({ type: "none" }, u("2024-01-05T13:00:00Z"));
    expect([iso(none.start), iso(none.end)]).toEqual(["2024-01-05T13:00:00Z", "2024-01-05T13:00:00Z"]);
  });
});

describe("run ids", () => {
  it("use Airflow's format", () => {
    expect(generateRunId("scheduled", u("2021-09-04T00:00:00Z"))).toBe("scheduled__2021-09-04T00:00:00+00:00");
    expect(generateRunId("manual", u("2021-09-04T10:11:12.345Z"))).toBe("manual__2021-09-04T10:11:12.345000+00:00");
  });
});

describe("schedules in words", () => {
  it.each([
    ["0 0 * * *", "at 00:00 every day"],
    ["0 6 * * 1-5", "at 06:00 on Monday through Friday"],
    ["*/15 * * * *", "every 15 minutes"],
    ["30 * * * *", "every hour at minute 30"],
    ["0 0 1 * *", "at 00:00 on day 1 of the month"],
    ["5 4 * * SUN", "at 04:05 on Sunday"],
  ])("%s -> %s", (cron, words) => expect(describeCron(cron)).toBe(words));

  it("says when runs happen relative to their data interval", () => {
    expect(describeTimetable({ type: "cron_trigger", cron: "0 6 * * *", timezone: "Europe/Zurich", interval: { months: 0, ms: 86_400_000 }, run_immediately: false })).toBe(
      "at 06:00 every day (Europe/Zurich); runs at each tick, with a data interval of 1 day ending at the tick",
    );
    expect(describeTimetable({ type: "delta_data_interval", delta: { months: 1, ms: 0 } })).toBe("every 1 month; each run covers the interval that just ended");
  });
});
