"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SettingsNav({ base, showAudit = true }: { base: string; showAudit?: boolean }) {
  const pathname = usePathname();
  const items = [
    { href: base, label: "General" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/groups`, label: "Groups" },
    { href: `${base}/invitations`, label: "Invitations" },
    { href: `${base}/roles`, label: "Roles" },
    // Only admins and owners may read the log; others would only meet a 403.
    ...(showAudit ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
    { href: `${base}/tokens`, label: "API tokens" },
    { href: `${base}/workspaces`, label: "Workspaces" },
  ];
  return (
    <nav aria-label="Settings" className="flex gap-1 overflow-x-auto md:w-48 md:flex-none md:flex-col">
      {items.map((item) => {
        // A section stays marked on its detail pages (a group, a member's access).
        const current = item.href === base ? pathname === base : pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${
              current
                ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:text-white dark:ring-slate-700"
                : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800/60 dark:hover:text-white"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
