"use client";
// The DAG page's sections (Airflow's DAG view tabs).
import Link from "next/link";
import { usePathname } from "next/navigation";

export function DagTabs({ base, canTrigger }: { base: string; canTrigger: boolean }) {
  const pathname = usePathname();
  const tabs = [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/grid`, label: "Grid" },
    { href: `${base}/graph`, label: "Graph" },
    { href: `${base}/calendar`, label: "Calendar" },
    { href: `${base}/durations`, label: "Durations" },
    { href: `${base}/runs`, label: "Runs" },
    { href: `${base}/code`, label: "Code" },
    { href: `${base}/webhooks`, label: "Webhooks" },
    ...(canTrigger ? [{ href: `${base}/trigger`, label: "Trigger" }] : []),
  ];
  return (
    <nav aria-label="DAG sections" className="-mb-px mt-5 flex gap-5 overflow-x-auto">
      {tabs.map((t) => {
        const current = t.exact ? pathname === t.href : pathname === t.href || pathname.startsWith(`${t.href}/`);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-0.5 pb-3 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${
              current
                ? "border-brand-600 text-slate-900 dark:border-brand-400 dark:text-white"
                : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200"
            }`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
