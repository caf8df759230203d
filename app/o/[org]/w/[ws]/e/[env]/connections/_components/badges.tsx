// Small labels: a connection's type, and which secrets are set (never their values).
import { CONNECTION_TYPES, type ConnType } from "@/lib/domain/connections";

const TYPE_TONES: Partial<Record<ConnType, string>> = {
  postgres: "bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-200 dark:ring-sky-400/30",
  mysql: "bg-orange-50 text-orange-800 ring-orange-600/20 dark:bg-orange-500/10 dark:text-orange-200 dark:ring-orange-400/30",
  http: "bg-violet-50 text-violet-800 ring-violet-600/20 dark:bg-violet-500/10 dark:text-violet-200 dark:ring-violet-400/30",
  slack: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-400/30",
  smtp: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-400/30",
};

export function TypeBadge({ connType }: { connType: ConnType }) {
  const tone = TYPE_TONES[connType] ?? "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-400/20";
  return <span className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{CONNECTION_TYPES[connType]?.label ?? connType}</span>;
}

export function SecretPills({ secrets }: { secrets: string[] }) {
  if (!secrets.length) return <span className="text-xs text-slate-400 dark:text-slate-500">none</span>;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Secrets that are set">
      {secrets.map((s) => (
        <li key={s} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 font-mono text-[11px] text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          <LockIcon />
          {s}
        </li>
      ))}
    </ul>
  );
}

export function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="h-3 w-3 text-slate-500 dark:text-slate-400">
      <path fillRule="evenodd" d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1.5 1.5 0 0 0-1.5 1.5v5A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-5A1.5 1.5 0 0 0 12 7h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 6V4.5a2 2 0 1 0-4 0V7h4Z" clipRule="evenodd" />
    </svg>
  );
}
