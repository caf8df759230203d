// Dates and durations as the DAG pages show them: UTC, to the second, never locale-dependent
// (server and browser render the same text).
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

export function formatDate(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return "—";
  const d = new Date(iso);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ""}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${time} UTC`;
}

export function formatDuration(startIso: string | null, endIso: string | null, nowMs = Date.now()): string {
  if (!startIso) return "—";
  const ms = (endIso ? Date.parse(endIso) : nowMs) - Date.parse(startIso);
  if (ms < 1000) return `${Math.max(0, ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "in 3 hours", "5 minutes ago". */
export function relative(iso: string | null, nowMs = Date.now()): string {
  if (!iso) return "";
  const diff = Date.parse(iso) - nowMs;
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) {
      const n = Math.round(abs / size);
      const text = `${n} ${unit}${n === 1 ? "" : "s"}`;
      return diff > 0 ? `in ${text}` : `${text} ago`;
    }
  }
  return diff > 0 ? "in under a minute" : "just now";
}
