"use client";
// The environment's sections. Only sections that exist are listed; more arrive with
// their issues (runs, connections, variables, pools, webhooks, tokens).
import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { slug: "dags", label: "DAGs" },
  { slug: "connections", label: "Connections" },
  { slug: "variables", label: "Variables" },
  { slug: "pools", label: "Pools" },
  { slug: "settings", label: "Settings" },
  { slug: "tokens", label: "API tokens", adminOnly: true },
];

/** `role` hides sections the caller could only open to be refused (tokens: admins). */
export function EnvironmentTabs({ base, role }: { base: string; role?: string | null }) {
  const pathname = usePathname();
  const isAdmin = role === "admin" || role === "owner";
  return (
    <nav aria-label="Environment sections" className="-mb-px mt-3 flex gap-5 overflow-x-auto">
      {SECTIONS.filter((s) => !("adminOnly" in s && s.adminOnly) || isAdmin).map((s) => {
        const href = `${base}/${s.slug}`;
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={s.slug}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-0.5 pb-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${
              current
                ? "border-brand-600 text-slate-900 dark:border-brand-400 dark:text-white"
                : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200"
            }`}
          >
            {s.label}
          </Link>
        );
      })}
    </nav>
  );
}
