// Per-environment settings (Environment.settings, a JSON column): which Airflow's defaults
// a bare `schedule` follows, the script sandbox's limits, the XCom size limit, the log cap
// per try and the threshold under which a try runs as a Temporal local activity. Stored
// as written here (snake_case, whole units); a missing or unreadable field reads as its
// default, so old rows and new fields never break a run.
import { z } from "zod";
import { DEFAULTS_MODES, type DefaultsMode } from "../dag/spec";

const MIB = 1024 * 1024;

export const ENVIRONMENT_SETTING_DEFAULTS = {
  airflow_defaults: "airflow3" as DefaultsMode,
  sandbox_timeout_seconds: 30,
  sandbox_memory_mb: 64,
  xcom_max_bytes: MIB,
  log_max_bytes: 10 * MIB,
  local_activity_threshold_seconds: 60,
};

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

export const ZEnvironmentSettingsSchema = z.object({
  airflow_defaults: z.enum(DEFAULTS_MODES, { error: 'Choose "airflow3" or "airflow2".' }),
  sandbox_timeout_seconds: whole("Script time limit", 1, 3600),
  sandbox_memory_mb: whole("Script memory limit", 8, 1024),
  xcom_max_bytes: whole("XCom size limit", 1024, 64 * MIB),
  log_max_bytes: whole("Log size limit per try", 64 * 1024, 256 * MIB),
  local_activity_threshold_seconds: whole("Local-activity threshold", 0, 600),
});

export type EnvironmentSettings = z.infer<typeof ZEnvironmentSettingsSchema>;

/** A change: any subset of the fields. */
export const ZEnvironmentSettingsPatchSchema = ZEnvironmentSettingsSchema.partial().strict();
export type EnvironmentSettingsPatch = z.infer<typeof ZEnvironmentSettingsPatchSchema>;

/** Reads a stored value field by field: what is missing or invalid falls back to its default. */
export function readEnvironmentSettings(stored: unknown): EnvironmentSettings {
  const out: Record<string, unknown> = { ...ENVIRONMENT_SETTING_DEFAULTS };
  if (stored && typeof stored === "object" && !Array.isArray(stored)) {
    const shape = ZEnvironmentSettingsSchema.shape;
    for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
      const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key]);
      if (parsed.success) out[key] = parsed.data;
    }
  }
  return out as EnvironmentSettings;
}

/** Sandbox limits in the units lib/operators uses. */
export function sandboxLimitsOf(settings: EnvironmentSettings): { timeoutMs: number; memoryBytes: number } {
  return { timeoutMs: settings.sandbox_timeout_seconds * 1000, memoryBytes: settings.sandbox_memory_mb * MIB };
}
