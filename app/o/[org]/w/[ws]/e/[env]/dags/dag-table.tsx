"use client";
// The DAG list: search by id, description or tag (kept in the URL's ?q= so a link shares
// it), filter by active/paused, one row per DAG with Airflow's columns.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { DagOverview } from "@/lib/server/services/dags/list-dags-overview";
import type { EnvScope } from "./actions";
import { formatDate, relative } from "./_components/format";
import { PauseToggle } from "./_components/pause-toggle";
import { RunStrip, StateBadge } from "./_components/run-state";

type Filter = "all" | "active" | "paused";

export function DagTable({ dags, scope, base, canPause, nowMs }: { dags: DagOverview[]; scope: EnvScope; base: string; canPause: boolean; nowMs: number }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(params.get("q") ?? "");
  const [filter, setFilter] = useState<Filter>((params.get("show") as Filter) ?? "all");

  const update = (q: string, f: Filter) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (f !== "all") next.set("show", f);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const shown = useMemo(() => {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    return dags.filter((d) => {
      if (filter === "active" && d.isPaused) return false;
      if (filter === "paused" && !d.isPaused) return false;
      const hay = [d.dagId, d.description ?? "", ...d.tags.map((t) => `tag:${t} ${t}`)].join(" ").toLowerCase();
      return terms.every((t) => hay.includes(t));
    });
  }, [dags, query, filter]);

  const counts = { all: dags.length, active: dags.filter((d) => !d.isPaused).length, paused: dags.filter((d) => d.isPaused).length };

  return (
    <div className="mt-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div role="group" aria-label="Show" className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5 text-sm dark:border-slate-800 dark:bg-slate-900">
          {(["all", "active", "paused"] as const).map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              onClick={() => {
                setFilter(f);
                update(query, f);
              }}
              className={`rounded-md px-3 py-1.5 font-medium capitalize focus-visible:outline-2 focus-visible:outline-brand-500 ${
                filter === f ? "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white" : "text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200"
              }`}
            >
              {f} <span className="ml-1 text-xs text-slate-400">{counts[f]}</span>
            </button>
          ))}
        </div>
        <div className="relative sm:w-80">
          <label htmlFor="dag-search" className="sr-only">
            Search DAGs
          </label>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-400">
            <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 3.4 9.83l3.63 3.63a.75.75 0 1 0 1.06-1.06l-3.63-3.63A5.5 5.5 0 0 0 9 3.5ZM5 9a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z" clipRule="evenodd" />
          </svg>
          <input
            id="dag-search"
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              update(e.target.value, filter);
            }}
            placeholder="Search by dag_id, description or tag"
            className="block w-full rounded-lg border border-slate-300 bg-white py-2 pl-9 pr-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          />
        </div>
      </div>

      <div className="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
        <table className="min-w-full text-sm">
          <caption className="sr-only">DAGs in this environment</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th scope="col" className="w-14 px-4 py-2.5">
                <span className="sr-only">Active</span>
              </th>
              <th scope="col" className="px-4 py-2.5">DAG</th>
              <th scope="col" className="px-4 py-2.5">Schedule</th>
              <th scope="col" className="px-4 py-2.5">Last run</th>
              <th scope="col" className="px-4 py-2.5">Next run</th>
              <th scope="col" className="px-4 py-2.5">Recent runs</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {shown.map((d) => {
              const last = d.recentRuns[0];
              const href = `${base}/${encodeURIComponent(d.dagId)}`;
              return (
                <tr key={d.dagId} className="align-top hover:bg-slate-50/60 dark:hover:bg-slate-800/30">
                  <td className="px-4 py-3">
                    <PauseToggle key={String(d.isPaused)} scope={scope} dagId={d.dagId} isPaused={d.isPaused} canPause={canPause} />
                  </td>
                  <td className="max-w-sm px-4 py-3">
                    <Link href={href} className="font-mono text-[13px] font-semibold text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300">
                      {d.dagId}
                    </Link>
                    {d.isPaused ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-500 dark:bg-slate-800 dark:text-slate-400">paused</span> : null}
                    {d.description ? <p className="mt-0.5 line-clamp-2 text-xs text-slate-500 dark:text-slate-400">{d.description}</p> : null}
                    {d.tags.length ? (
                      <div className="mt-1.5 flex flex-wrap gap-1">
                        {d.tags.map((t) => (
                          <button
                            key={t}
                            type="button"
                            onClick={() => {
                              setQuery(`tag:${t}`);
                              update(`tag:${t}`, filter);
                            }}
                            className="rounded-full bg-slate-100 px-2 py-0.5 text-[11px] font-medium text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700"
                            aria-label={`Show DAGs tagged ${t}`}
                          >
                            {t}
                          </button>
                        ))}
                      </div>
                    ) : null}
                  </td>
                  <td className="px-4 py-3">
                    <p className="text-slate-800 dark:text-slate-200">{d.scheduleWords}</p>
                    {d.schedule ? <code className="mt-0.5 inline-block font-mono text-xs text-slate-500 dark:text-slate-400">{d.schedule}</code> : null}
                    {d.schedule && d.timezone !== "UTC" ? <span className="ml-1 text-xs text-slate-400">{d.timezone}</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3">
                    {last ? (
                      <Link href={`${href}/runs/${encodeURIComponent(last.runId)}`} className="group inline-flex flex-col gap-1 focus-visible:outline-2 focus-visible:outline-brand-500">
                        <StateBadge state={last.state} />
                        <span className="text-xs text-slate-500 group-hover:underline dark:text-slate-400">{relative(last.runAfter, nowMs)}</span>
                      </Link>
                    ) : (
                      <span className="text-xs text-slate-400 dark:text-slate-500">Never run</span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3">
                    {d.nextRunAfter && !d.isPaused ? (
                      <>
                        <p className="text-slate-800 dark:text-slate-200">{formatDate(d.nextRunAfter)}</p>
                        <p className="text-xs text-slate-500 dark:text-slate-400">{relative(d.nextRunAfter, nowMs)}</p>
                      </>
                    ) : d.nextRunAfter ? (
                      <p className="text-xs text-slate-500 dark:text-slate-400" title={`Due ${formatDate(d.nextRunAfter)} once unpaused`}>
                        Paused
                      </p>
                    ) : (
                      <span className="text-xs text-slate-400 dark:text-slate-500">—</span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <RunStrip runs={d.recentRuns} hrefOf={(runId) => `${href}/runs/${encodeURIComponent(runId)}`} />
                  </td>
                </tr>
              );
            })}
            {!shown.length ? (
              <tr>
                <td colSpan={6} className="px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
                  No DAG matches {query ? <strong className="font-medium text-slate-700 dark:text-slate-300">&ldquo;{query}&rdquo;</strong> : "this filter"}.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
