// Run and task states as Airflow users know them (same names and colours), each with its
// own shape too, so the state never depends on colour alone.
const STYLES: Record<string, { dot: string; badge: string; label: string; shape: "circle" | "square" | "diamond" | "ring" | "triangle" }> = {
  success: { dot: "bg-emerald-500", badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20", label: "success", shape: "circle" },
  failed: { dot: "bg-red-500", badge: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/20", label: "failed", shape: "square" },
  running: { dot: "bg-sky-500 animate-pulse", badge: "bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/20", label: "running", shape: "ring" },
  queued: { dot: "bg-slate-400", badge: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/10 dark:text-slate-300 dark:ring-slate-400/20", label: "queued", shape: "ring" },
  scheduled: { dot: "bg-slate-400", badge: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/10 dark:text-slate-300 dark:ring-slate-400/20", label: "scheduled", shape: "ring" },
  up_for_retry: { dot: "bg-amber-400", badge: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20", label: "up for retry", shape: "triangle" },
  up_for_reschedule: { dot: "bg-cyan-400", badge: "bg-cyan-50 text-cyan-800 ring-cyan-600/20 dark:bg-cyan-500/10 dark:text-cyan-300 dark:ring-cyan-400/20", label: "up for reschedule", shape: "triangle" },
  upstream_failed: { dot: "bg-orange-500", badge: "bg-orange-50 text-orange-800 ring-orange-600/20 dark:bg-orange-500/10 dark:text-orange-300 dark:ring-orange-400/20", label: "upstream failed", shape: "diamond" },
  skipped: { dot: "bg-pink-400", badge: "bg-pink-50 text-pink-700 ring-pink-600/20 dark:bg-pink-500/10 dark:text-pink-300 dark:ring-pink-400/20", label: "skipped", shape: "diamond" },
  removed: { dot: "bg-slate-300", badge: "bg-slate-50 text-slate-500 ring-slate-400/20 dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-600/30", label: "removed", shape: "diamond" },
  none: { dot: "bg-slate-200 dark:bg-slate-700", badge: "bg-white text-slate-500 ring-slate-300 dark:bg-slate-900 dark:text-slate-400 dark:ring-slate-700", label: "no status", shape: "ring" },
};

export function stateStyle(state: string | null) {
  return STYLES[state ?? "none"] ?? STYLES.none;
}

export const ACTIVE_STATES = new Set(["queued", "running", "up_for_retry", "up_for_reschedule", "scheduled"]);

function Shape({ shape, className }: { shape: string; className: string }) {
  const common = `inline-block flex-none ${className}`;
  if (shape === "square") return <span aria-hidden="true" className={`${common} h-2 w-2 rounded-[1px]`} />;
  if (shape === "diamond") return <span aria-hidden="true" className={`${common} h-2 w-2 rotate-45 rounded-[1px]`} />;
  if (shape === "triangle") return <span aria-hidden="true" className={`${common} h-2 w-2 [clip-path:polygon(50%_0,100%_100%,0_100%)]`} />;
  if (shape === "ring") return <span aria-hidden="true" className={`${common} h-2 w-2 rounded-full ring-2 ring-current ring-offset-0`} />;
  return <span aria-hidden="true" className={`${common} h-2 w-2 rounded-full`} />;
}

export function StateBadge({ state }: { state: string | null }) {
  const s = stateStyle(state);
  return (
    <span data-state={state ?? "none"} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.badge}`}>
      <Shape shape={s.shape} className={s.shape === "ring" ? "" : s.dot} />
      {s.label}
    </span>
  );
}

/** A small square per run, newest on the right, as Airflow's "recent runs" column. */
export function RunStrip({ runs, hrefOf }: { runs: { runId: string; state: string }[]; hrefOf: (runId: string) => string }) {
  if (!runs.length) return <span className="text-xs text-slate-400 dark:text-slate-500">No runs yet</span>;
  return (
    <span className="inline-flex items-center gap-1">
      {[...runs].reverse().map((r) => (
        <a
          key={r.runId}
          href={hrefOf(r.runId)}
          title={`${r.runId}: ${stateStyle(r.state).label}`}
          aria-label={`Run ${r.runId}: ${stateStyle(r.state).label}`}
          className={`block h-4 w-2.5 rounded-sm ${stateStyle(r.state).dot.replace(" animate-pulse", "")} hover:opacity-80 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500`}
        />
      ))}
    </span>
  );
}
