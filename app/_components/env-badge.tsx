// Environment colours: dev calm, stg amber, prd unmistakable (solid red, "Production").
// Any other environment gets a neutral badge.
const STYLES: Record<string, string> = {
  dev: "bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/30",
  stg: "bg-amber-50 text-amber-800 ring-amber-600/25 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30",
  prd: "bg-red-600 text-white ring-red-700 dark:bg-red-500 dark:text-white dark:ring-red-400",
};
const DOTS: Record<string, string> = { dev: "bg-sky-500", stg: "bg-amber-500", prd: "bg-red-500" };
const NEUTRAL = "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600/40";

export function EnvBadge({ slug, size = "sm" }: { slug: string; size?: "sm" | "xs" }) {
  const pad = size === "xs" ? "px-1.5 py-0 text-[10px]" : "px-2 py-0.5 text-xs";
  return (
    <span className={`inline-flex items-center gap-1 rounded-md font-semibold uppercase tracking-wide ring-1 ring-inset ${pad} ${STYLES[slug] ?? NEUTRAL}`}>
      {slug === "prd" ? <WarningGlyph /> : null}
      {slug}
    </span>
  );
}

export function EnvDot({ slug }: { slug: string }) {
  return <span aria-hidden="true" className={`inline-block h-2 w-2 flex-none rounded-full ${DOTS[slug] ?? "bg-slate-400"}`} />;
}

export function isProduction(slug: string): boolean {
  return slug === "prd";
}

function WarningGlyph() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="h-3 w-3">
      <path d="M8 1.5a1 1 0 0 1 .87.5l6 10.5A1 1 0 0 1 14 14H2a1 1 0 0 1-.87-1.5l6-10.5A1 1 0 0 1 8 1.5Zm0 4a.75.75 0 0 0-.75.75v3a.75.75 0 0 0 1.5 0v-3A.75.75 0 0 0 8 5.5Zm0 7a.9.9 0 1 0 0-1.8.9.9 0 0 0 0 1.8Z" />
    </svg>
  );
}
