// Compares our timetables with Apache Airflow 3.1.8 on a table of cases dumped by
// test/reference/dump-airflow-timetables.py (several timezones across DST changes, every
// timetable type, catchup on and off, a frozen "now"). Cases marked dst_bug are where
// released 3.1.8 computes the previous cron tick wrongly (apache/airflow#70089): we follow
// the fixed behaviour, and check that it differs from the released output there.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CRON_PRESETS, type TimetableSpec } from "../../../lib/domain/dag/spec";
import { checkCron } from "../../../lib/domain/timetable/cron";
import { inferManualDataInterval, nextRuns } from "../../../lib/domain/timetable/timetables";

interface Run {
  start: number;
  end: number;
  run_after: number;
  logical_date: number;
}
interface SequenceCase {
  timetable: TimetableSpec;
  earliest: number | null;
  latest: number | null;
  catchup: boolean;
  after: [number, number] | null;
  now: number;
  n: number;
  expected: (Run | { error: string })[];
  dst_bug?: boolean;
  airflow_released?: unknown;
}
interface ManualCase {
  timetable: TimetableSpec;
  run_after: number;
  expected: { start: number; end: number };
  dst_bug?: boolean;
  airflow_released?: { start: number; end: number };
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/airflow-timetables.json", import.meta.url), "utf8"),
) as { sequences: SequenceCase[]; manual: ManualCase[] };

const iso = (ms: number) => new Date(ms).toISOString();
const label = (c: { timetable: TimetableSpec }) => JSON.stringify(c.timetable);

function ours(c: SequenceCase): Run[] {
  const runs = nextRuns(
    c.timetable,
    c.after ? { start: c.after[0], end: c.after[1] } : null,
    { earliest: c.earliest, latest: c.latest, catchup: c.catchup },
    c.now,
    c.n,
  );
  return runs.map((r) => ({
    start: r.data_interval.start,
    end: r.data_interval.end,
    run_after: r.run_after,
    logical_date: r.data_interval.start,
  }));
}

const show = (runs: { start: number; end: number }[]) => runs.map((r) => `${iso(r.start)} -> ${iso(r.end)}`);

describe("next_dagrun_info sequences match Airflow 3.1.8", () => {
  it("has a fixture with cases of every timetable type", () => {
    const types = new Set(fixture.sequences.map((c) => c.timetable.type));
    expect([...types].sort()).toEqual(
      ["continuous", "cron_data_interval", "cron_trigger", "delta_data_interval", "delta_trigger", "none", "once"].sort(),
    );
  });

  it("matches every case", () => {
    const mismatches: string[] = [];
    for (const c of fixture.sequences) {
      if (c.expected.some((r) => "error" in r)) continue;
      const got = show(ours(c));
      const want = show(c.expected as Run[]);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(
          `${label(c)} catchup=${c.catchup} earliest=${c.earliest && iso(c.earliest)} latest=${c.latest && iso(c.latest)} now=${iso(c.now)} after=${c.after?.map(iso)}\n  want ${want.join(", ")}\n  got  ${got.join(", ")}`,
        );
      }
    }
    expect(mismatches.slice(0, 5).join("\n")).toBe("");
    expect(mismatches.length).toBe(0);
  });

  it("marks the cases where released Airflow hits the DST previous-tick bug, and we follow the fix there", () => {
    const buggy = fixture.sequences.filter((c) => c.dst_bug);
    expect(buggy.length).toBeGreaterThan(0);
    for (const c of buggy) {
      expect(show(ours(c))).not.toEqual(show(c.airflow_released as Run[]));
    }
  });
});

describe("infer_manual_data_interval matches Airflow 3.1.8", () => {
  it("matches every case", () => {
    const mismatches: string[] = [];
    for (const c of fixture.manual) {
      const got = inferManualDataInterval(c.timetable, c.run_after);
      if (got.start !== c.expected.start || got.end !== c.expected.end) {
        mismatches.push(`${label(c)} run_after=${iso(c.run_after)} want ${show([c.expected])} got ${show([got])}`);
      }
    }
    expect(mismatches.slice(0, 5).join("\n")).toBe("");
  });

  it("never gives a zero-length or future-ending interval for cron data intervals (apache/airflow#70089)", () => {
    const doc = fixture.manual.find(
      (c) =>
        c.dst_bug &&
        JSON.stringify(c.timetable) === JSON.stringify({ type: "cron_data_interval", cron: "0 2 * * *", timezone: "America/New_York" }) &&
        c.run_after === Date.UTC(2024, 2, 10, 7, 30),
    );
    expect(doc?.airflow_released).toEqual({ start: Date.UTC(2024, 2, 10, 7), end: Date.UTC(2024, 2, 10, 7) });
    for (const c of fixture.manual.filter((m) => m.timetable.type === "cron_data_interval")) {
      const got = inferManualDataInterval(c.timetable, c.run_after);
      expect(got.start).toBeLessThan(got.end);
      expect(got.end).toBeLessThanOrEqual(c.run_after);
    }
  });
});

describe("cron expressions Airflow 3.1.8 accepts", () => {
  // Where we refuse what Airflow accepts, on purpose (docs/dag-files.md, "Cron expressions").
  const DELIBERATE: Record<string, string> = {
    "0 0 * * * *": "6-field (seconds) expressions are read differently by croniter and other cron tools",
    "0 0 31 2 *": "never fires; Airflow accepts it and then never schedules the DAG",
    "0 0 * * 1#2": "'#' is read differently by croniter and other cron tools",
    "0 0 15W * *": "'W' is read differently by croniter and other cron tools",
    "10-5 * * * *": "croniter wraps a backwards range around; we ask for two ranges instead",
  };
  it("agree with ours, except the deliberate differences", () => {
    const { cron_validity } = fixture as unknown as { cron_validity: { cron: string; airflow_ok: boolean }[] };
    expect(cron_validity.length).toBeGreaterThan(20);
    for (const c of cron_validity) {
      if (c.cron.startsWith("@") && !(c.cron in CRON_PRESETS)) continue; // @once etc. are not cron
      const ours = checkCron(CRON_PRESETS[c.cron] ?? c.cron) === null;
      if (c.cron in DELIBERATE) {
        expect(c.airflow_ok, c.cron).toBe(true);
        expect(ours, c.cron).toBe(false);
      } else {
        expect(ours, c.cron).toBe(c.airflow_ok);
      }
    }
  });
});
