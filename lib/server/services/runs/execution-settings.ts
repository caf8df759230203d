// The environment settings a DagRun's execution reads (Environment.settings JSON, edited
// on the environment settings page). Read leniently: a missing or invalid value means the
// default, so a settings change can never stop runs from starting.
export interface ExecutionSettings {
  /** Tries whose time limit is at most this run as local activities (ARCHITECTURE.md). */
  localActivityThresholdMs: number;
  /** The script sandbox's deadline when a task has no execution_timeout. */
  sandboxTimeoutMs: number;
  sandboxMemoryBytes: number;
  xcomMaxBytes: number;
  /** Per try; past it the log ends with a truncation notice. */
  logMaxBytes: number;
}

export const DEFAULT_EXECUTION_SETTINGS: ExecutionSettings = {
  localActivityThresholdMs: 60_000,
  sandboxTimeoutMs: 30_000,
  sandboxMemoryBytes: 64 * 1024 * 1024,
  xcomMaxBytes: 1024 * 1024,
  logMaxBytes: 10 * 1024 * 1024,
};

type Reader = (s: Record<string, unknown>) => number | undefined;

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);

/** Accepts `<name>_ms`, `<name>_s`, `<name>_seconds` and camelCase forms, also one level deep (e.g. sandbox.timeout_ms). */
function reader(names: { ms?: string[]; s?: string[]; bytes?: string[]; mb?: string[] }): Reader {
  return (s) => {
    const get = (path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), s);
    for (const n of names.ms ?? []) if (num(get(n)) !== undefined) return num(get(n));
    for (const n of names.s ?? []) if (num(get(n)) !== undefined) return num(get(n))! * 1000;
    for (const n of names.bytes ?? []) if (num(get(n)) !== undefined) return num(get(n));
    for (const n of names.mb ?? []) if (num(get(n)) !== undefined) return num(get(n))! * 1024 * 1024;
    return undefined;
  };
}

const READERS: Record<keyof ExecutionSettings, Reader> = {
  localActivityThresholdMs: reader({
    ms: ["local_activity_threshold_ms", "localActivityThresholdMs"],
    s: ["local_activity_threshold_s", "local_activity_threshold_seconds", "localActivityThresholdSeconds"],
  }),
  sandboxTimeoutMs: reader({
    ms: ["sandbox_timeout_ms", "sandboxTimeoutMs", "sandbox.timeout_ms", "sandbox.timeoutMs"],
    s: ["sandbox_timeout_s", "sandbox_timeout_seconds", "sandboxTimeoutSeconds", "sandbox.timeout_s", "sandbox.timeout_seconds"],
  }),
  sandboxMemoryBytes: reader({
    bytes: ["sandbox_memory_bytes", "sandboxMemoryBytes", "sandbox.memory_bytes", "sandbox.memoryBytes"],
    mb: ["sandbox_memory_mb", "sandboxMemoryMb", "sandbox.memory_mb"],
  }),
  xcomMaxBytes: reader({ bytes: ["xcom_max_bytes", "xcomMaxBytes", "xcom_size_limit_bytes"], mb: ["xcom_max_mb"] }),
  logMaxBytes: reader({ bytes: ["log_max_bytes", "logMaxBytes"], mb: ["log_max_mb"] }),
};

export function executionSettingsOf(settings: unknown): ExecutionSettings {
  const s = settings && typeof settings === "object" && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};
  const out = { ...DEFAULT_EXECUTION_SETTINGS };
  for (const key of Object.keys(READERS) as (keyof ExecutionSettings)[]) {
    const v = READERS[key](s);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
