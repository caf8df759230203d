// What the DAG list and the scheduler read without the spec (schedule expression, words,
// the next_dagrun cursor), and environment settings that never break on old or bad rows.
import { describe, expect, it } from "vitest";
import { isoDuration, nextDagrunFields, scheduleExpression, scheduleInWords } from "../../../lib/domain/dag/schedule-summary";
import { validateDagText } from "../../../lib/domain/dag/validate-dag";
import { ENVIRONMENT_SETTING_DEFAULTS, readEnvironmentSettings, ZEnvironmentSettingsPatchSchema } from "../../../lib/domain/environment/environment-settings";

function spec(extra: string, defaults: "airflow3" | "airflow2" = "airflow3") {
  const r = validateDagText(`dag_id: d\nstart_date: "2024-01-01T00:00:00Z"\n${extra}\ntasks:\n  - task_id: t\n    operator: empty\n`, { file: "d.yaml", defaults });
  if (!r.spec) throw new Error(JSON.stringify(r.errors));
  return r.spec;
}

describe("schedule summary", () => {
  it("keeps the schedule as written and says it in words", () => {
    expect(scheduleExpression(spec('schedule: "@daily"'))).toBe("@daily");
    expect(scheduleInWords(spec('schedule: "@daily"').timetable)).toBe("At 00:00 every day");
    expect(scheduleInWords(spec('schedule: "0 6 * * 1-5"').timetable)).toBe("At 06:00 on Monday through Friday");
    expect(scheduleExpression(spec("schedule: null"))).toBeNull();
    expect(scheduleInWords(spec("schedule: null").timetable)).toBe("Manual only");
    expect(scheduleInWords(spec('schedule: "PT6H"').timetable)).toBe("Every 6 hours");
  });

  it("derives an expression from an explicit timetable", () => {
    expect(scheduleExpression(spec("timetable:\n  type: cron_data_interval\n  cron: '30 2 * * *'"))).toBe("30 2 * * *");
    expect(scheduleExpression(spec("timetable:\n  type: delta_trigger\n  delta: P1DT12H"))).toBe("P1DT12H");
    expect(isoDuration({ months: 14, ms: 90_000 })).toBe("P1Y2MT1M30S");
  });

  it("computes the scheduler cursor as Airflow does for each defaults mode", () => {
    const now = Date.parse("2026-12-06T10:30:00Z");
    // Airflow 3 (trigger timetable, catchup off): the latest tick that passed runs at once.
    const a3 = nextDagrunFields(spec('schedule: "0 6 * * *"'), null, now)!;
    expect(a3.createAfter.toISOString()).toBe("2026-12-06T06:00:00.000Z");
    expect(a3.logicalDate.toISOString()).toBe("2026-12-06T06:00:00.000Z");
    // Airflow 2 (data interval, catchup on from start_date): the first interval after start_date.
    const a2 = nextDagrunFields(spec('schedule: "@daily"', "airflow2"), null, now)!;
    expect([a2.dataIntervalStart.toISOString(), a2.dataIntervalEnd.toISOString(), a2.createAfter.toISOString()]).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-02T00:00:00.000Z",
      "2024-01-02T00:00:00.000Z",
    ]);
    // After the last automated run, the next interval follows it.
    const after = nextDagrunFields(spec('schedule: "@daily"', "airflow2"), { start: Date.parse("2026-12-04T00:00:00Z"), end: Date.parse("2026-12-05T00:00:00Z") }, now)!;
    expect(after.dataIntervalStart.toISOString()).toBe("2026-12-05T00:00:00.000Z");
    expect(nextDagrunFields(spec("schedule: null"), null, now)).toBeNull();
  });
});

describe("environment settings", () => {
  it("fills defaults for a missing, empty or partly invalid stored value", () => {
    expect(readEnvironmentSettings(undefined)).toEqual(ENVIRONMENT_SETTING_DEFAULTS);
    expect(readEnvironmentSettings({})).toEqual(ENVIRONMENT_SETTING_DEFAULTS);
    expect(readEnvironmentSettings({ airflow_defaults: "airflow2", xcom_max_bytes: "lots", sandbox_timeout_seconds: 10 })).toEqual({
      ...ENVIRONMENT_SETTING_DEFAULTS,
      airflow_defaults: "airflow2",
      sandbox_timeout_seconds: 10,
    });
    expect(ENVIRONMENT_SETTING_DEFAULTS.local_activity_threshold_seconds).toBe(60);
  });

  it("refuses unknown keys and out-of-range values with a message per field", () => {
    const bad = ZEnvironmentSettingsPatchSchema.safeParse({ sandbox_memory_mb: 4, airflow_defaults: "airflow1", colour: "blue" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join(".") || i.code}: ${i.message}`).join("\n");
    expect(messages).toMatch(/sandbox_memory_mb: Script memory limit must be at least 8/);
    expect(messages).toMatch(/airflow_defaults: Choose "airflow3" or "airflow2"/);
    expect(messages).toMatch(/unrecognized_keys/);
  });
});

describe("orderParams", () => {
  it("lists params in the file's order, not jsonb's", async () => {
    const { orderParams } = await import("../../../lib/domain/dag/param-order");
    const stored = { name: 1, tone: 2, times: 3, extra: 4 }; // as jsonb gives them back
    const file = "dag_id: d\nparams:\n  times: 3\n  name: 1\n  tone: 2\ntasks: []\n";
    expect(orderParams(stored, file).map(([k]) => k)).toEqual(["times", "name", "tone", "extra"]);
    expect(orderParams(stored, null).map(([k]) => k)).toEqual(["name", "tone", "times", "extra"]);
    expect(orderParams(stored, "{ not yaml").map(([k]) => k)).toEqual(["name", "tone", "times", "extra"]);
  });
});
