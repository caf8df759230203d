// Run and task states for the Grid, Graph and Gantt: a fill colour (Airflow's) and a glyph
// drawn on it, different for every state, so nobody needs to tell colours apart.
export const STATE_FILL: Record<string, string> = {
  success: "#10b981",
  failed: "#ef4444",
  running: "#0ea5e9",
  queued: "#94a3b8",
  scheduled: "#a8a29e",
  up_for_retry: "#f59e0b",
  up_for_reschedule: "#22d3ee",
  upstream_failed: "#f97316",
  skipped: "#f472b6",
  removed: "#cbd5e1",
  none: "transparent",
};

export const LEGEND_STATES = ["success", "failed", "running", "queued", "scheduled", "up_for_retry", "up_for_reschedule", "upstream_failed", "skipped", "removed", "none"] as const;

export const fillOf = (state: string | null) => STATE_FILL[state ?? "none"] ?? STATE_FILL.none;

/** The glyph's path in a 16×16 box (white on the fill; slate for "no status"). */
const GLYPHS: Record<string, React.ReactNode> = {
  success: <path d="M4 8.5l2.5 2.5L12 5.5" fill="none" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />,
  failed: <path d="M5 5l6 6M11 5l-6 6" fill="none" strokeWidth="2" strokeLinecap="round" />,
  running: <path d="M6 4.5v7l5.5-3.5z" stroke="none" />,
  queued: <circle cx="8" cy="8" r="3" fill="none" strokeWidth="1.8" />,
  scheduled: <path d="M8 4.5V8l2.2 1.6" fill="none" strokeWidth="1.8" strokeLinecap="round" />,
  up_for_retry: <path d="M11.5 6.2A4 4 0 1 0 12 9M11.8 3.8v2.6H9.2" fill="none" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />,
  up_for_reschedule: <path d="M5 5.5h6M5 10.5h6M8 5.5v5" fill="none" strokeWidth="1.7" strokeLinecap="round" />,
  upstream_failed: <path d="M8 4v5M8 11.5v.5" fill="none" strokeWidth="2" strokeLinecap="round" />,
  skipped: <path d="M4.5 5l3 3-3 3M8.5 5l3 3-3 3" fill="none" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />,
  removed: <path d="M4.5 8h7" fill="none" strokeWidth="2" strokeLinecap="round" />,
  none: <circle cx="8" cy="8" r="5.5" fill="none" strokeWidth="1.2" strokeDasharray="2 2" />,
};

/** A state as a small coloured tile with its glyph (decorative: callers label it). */
export function StateGlyph({ state, size = 16, className = "" }: { state: string | null; size?: number; className?: string }) {
  const s = state && GLYPHS[state] ? state : "none";
  const isNone = s === "none";
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width={size} height={size} className={`flex-none ${isNone ? "stroke-slate-400 dark:stroke-slate-500" : "fill-white stroke-white"} ${className}`} data-glyph={s}>
      {isNone ? null : <rect x="0" y="0" width="16" height="16" rx="3" fill={fillOf(s)} stroke="none" />}
      {GLYPHS[s]}
    </svg>
  );
}

export const stateLabel = (s: string | null) => (s ?? "none").replace(/_/g, " ").replace(/^none$/, "no status");

export function StateLegend({ states = LEGEND_STATES }: { states?: readonly string[] }) {
  return (
    <ul aria-label="State legend" className="flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-slate-600 dark:text-slate-400">
      {states.map((s) => (
        <li key={s} className="inline-flex items-center gap-1.5">
          <StateGlyph state={s} size={14} />
          {stateLabel(s)}
        </li>
      ))}
    </ul>
  );
}

/** Every glyph once, as <symbol>s, for views that draw thousands (the Grid uses <use>). */
export function GlyphSprites() {
  return (
    <svg aria-hidden="true" width="0" height="0" className="absolute">
      <defs>
        {Object.keys(GLYPHS).map((s) => (
          <symbol key={s} id={`glyph-${s}`} viewBox="0 0 16 16">
            {s === "none" ? null : <rect x="0" y="0" width="16" height="16" rx="3" fill={fillOf(s)} stroke="none" />}
            {GLYPHS[s]}
          </symbol>
        ))}
      </defs>
    </svg>
  );
}

/** StateGlyph drawn from GlyphSprites (which must be on the page): a few bytes per cell. */
export function StateGlyphRef({ state, size = 16 }: { state: string | null; size?: number }) {
  const s = state && GLYPHS[state] ? state : "none";
  return (
    <svg aria-hidden="true" width={size} height={size} data-glyph={s} className={s === "none" ? "stroke-slate-400 dark:stroke-slate-500" : "fill-white stroke-white"}>
      <use href={`#glyph-${s}`} />
    </svg>
  );
}
