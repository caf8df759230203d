"use client";
// Re-renders the server page every `intervalMs` while something is running, so run and
// task states update live without a reload; stops when the page says nothing is active.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function AutoRefresh({ active, intervalMs = 1500 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs, router]);
  return active ? (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400" role="status">
      <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-sky-500" aria-hidden="true" /> Live
    </span>
  ) : null;
}
