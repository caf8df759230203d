// A role as a small badge; stronger colours for stronger roles, so a page reads at a glance.
import type { Role } from "@/lib/domain/authz";

const STYLES: Record<Role, string> = {
  viewer: "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600/40",
  operator: "bg-teal-50 text-teal-800 ring-teal-600/25 dark:bg-teal-400/10 dark:text-teal-300 dark:ring-teal-400/30",
  editor: "bg-indigo-50 text-indigo-800 ring-indigo-600/25 dark:bg-indigo-400/10 dark:text-indigo-300 dark:ring-indigo-400/30",
  admin: "bg-violet-50 text-violet-800 ring-violet-600/25 dark:bg-violet-400/10 dark:text-violet-300 dark:ring-violet-400/30",
  owner: "bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30",
};

export function RoleBadge({ role }: { role: Role | null }) {
  if (!role) return <span className="text-xs text-slate-400 dark:text-slate-500">No access</span>;
  return <span className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-semibold capitalize ring-1 ring-inset ${STYLES[role]}`}>{role}</span>;
}
