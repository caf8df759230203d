// The Calendar tab (Airflow's Calendar): a year of days, one square per day coloured by its
// runs' states (planned runs of the schedule outlined), and the runs of a picked day.
import type { Metadata } from "next";
import Link from "next/link";
import { calendarWeeks, calendarYear, dayLabel, dayState, isDay } from "@/lib/domain/run/calendar";
import { pageAccess } from "@/lib/server/authz";
import { listDagRunsOnDay, readDagCalendar } from "@/lib/server/services/dags/read-dag-calendar";
import { AutoRefresh } from "../../_components/auto-refresh";
import { formatDate, formatDuration } from "../../_components/format";
import { ACTIVE_STATES, StateBadge } from "../../_components/run-state";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";
import { CalendarHeatmap, CalendarLegend, type HeatmapDay } from "./calendar-heatmap";

export const metadata: Metadata = { title: "Calendar" };

type Props = { params: Promise<DagRouteParams>; searchParams: Promise<{ day?: string; year?: string }> };

export default async function DagCalendarPage({ params, searchParams }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, base } = await loadDag(gate, routeParams.dag_id);
  const { day: dayParam, year: yearParam } = await searchParams;
  const picked = isDay(dayParam) ? dayParam : null;
  // ?year=2025 shows that calendar year; without it, the last 12 months and the coming weeks.
  const year = /^\d{4}$/.test(yearParam ?? "") && Number(yearParam) >= 1970 ? Number(yearParam) : null;
  const [calendar, dayRuns] = await Promise.all([readDagCalendar(access, view.dag_id, year ? calendarYear(year) : {}), picked ? listDagRunsOnDay(access, view.dag_id, picked) : null]);
  const yearQuery = year ? `year=${year}&` : "";
  const thisYear = Number(calendar.today.slice(0, 4));

  const byDate = new Map(calendar.days.map((d) => [d.date, d]));
  const weeks = calendarWeeks(calendar.from, calendar.to).map((week) =>
    week.map((date): HeatmapDay => {
      const d = byDate.get(date);
      const counts = d?.counts ?? {};
      const outside = year !== null && !date.startsWith(`${year}-`);
      return { date, state: dayState(counts, d?.planned ?? 0), total: Object.values(counts).reduce((a, b) => a + b, 0), label: dayLabel(date, counts, d?.planned ?? 0), future: date > calendar.today, outside };
    }),
  );
  const totals: Record<string, number> = {};
  // A year's view starts and ends with whole weeks; its totals count that year's days only.
  const counted = year ? calendar.days.filter((d) => d.date.startsWith(`${year}-`)) : calendar.days;
  for (const d of counted) for (const [s, n] of Object.entries(d.counts)) totals[s] = (totals[s] ?? 0) + n;
  const runCount = Object.values(totals).reduce((a, b) => a + b, 0);
  const planned = counted.reduce((a, d) => a + d.planned, 0);
  const active = calendar.days.some((d) => Object.keys(d.counts).some((s) => ACTIVE_STATES.has(s)));
  const now = Date.now();

  return (
    <section aria-labelledby="calendar-title" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="calendar-title" className="text-sm font-semibold text-slate-900 dark:text-white">
            Calendar{" "}
            <span className="font-normal text-slate-500 dark:text-slate-400">
              · {runCount} run{runCount === 1 ? "" : "s"} {year ? `in ${year}` : "in the last year"}
              {totals.failed ? `, ${totals.failed} failed` : ""}
              {planned ? ` · ${planned}${calendar.plannedTruncated ? "+" : ""} planned` : ""}
            </span>
          </h2>
          <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
            Days by logical date in <span className="font-medium text-slate-700 dark:text-slate-300">{calendar.timezone}</span>, the DAG’s timezone. Pick a day to list its runs.
          </p>
        </div>
        <div className="flex items-center gap-3">
          {/* A day's colour changes slowly: every 5 s is live enough while a run is unfinished. */}
          <AutoRefresh active={active} intervalMs={5000} />
          <nav aria-label="Calendar years" className="inline-flex items-center rounded-lg border border-slate-200 bg-white p-0.5 text-xs shadow-sm dark:border-slate-700 dark:bg-slate-900">
            <Link href={`?year=${(year ?? thisYear) - 1}`} scroll={false} className="rounded-md px-2 py-1 font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
              ‹ {(year ?? thisYear) - 1}
            </Link>
            <Link href={`${base}/calendar`} scroll={false} aria-current={year ? undefined : "page"} className={`rounded-md px-2.5 py-1 font-medium ${year ? "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800" : "bg-slate-900 text-white dark:bg-white dark:text-slate-900"}`}>
              Last 12 months
            </Link>
            {year ? (
              <span aria-current="page" className="rounded-md bg-slate-900 px-2.5 py-1 font-medium text-white dark:bg-white dark:text-slate-900">
                {year}
              </span>
            ) : null}
            {year && year < thisYear ? (
              <Link href={`?year=${year + 1}`} scroll={false} className="rounded-md px-2 py-1 font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
                {year + 1} ›
              </Link>
            ) : null}
          </nav>
        </div>
      </div>

      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
        <CalendarHeatmap weeks={weeks} today={calendar.today} selected={picked} query={yearQuery} />
        <div className="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
          <CalendarLegend />
        </div>
      </div>

      {picked && dayRuns ? (
        <section aria-labelledby="day-title" className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
          <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
            <h3 id="day-title" className="text-sm font-semibold text-slate-900 dark:text-white">
              Runs on {picked} <span className="font-normal text-slate-500 dark:text-slate-400">· {dayRuns.runs.length}</span>
            </h3>
            <Link href={year ? `?year=${year}` : `${base}/calendar`} scroll={false} className="rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-800 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-200">
              Close
            </Link>
          </div>
          {dayRuns.runs.length ? (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={`Runs on ${picked}`}>
              {dayRuns.runs.map((r) => (
                <li key={r.runId} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm">
                  <StateBadge state={r.state} />
                  <Link href={`${base}/runs/${encodeURIComponent(r.runId)}`} className="font-mono text-[13px] text-brand-700 hover:underline dark:text-brand-300">
                    {r.runId}
                  </Link>
                  <span className="text-xs text-slate-500 dark:text-slate-400">{r.runType}</span>
                  <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
                    {formatDate(r.logicalDate ?? r.runAfter)} · {formatDuration(r.startDate, r.endDate, now)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="px-4 py-6 text-center text-sm text-slate-500 dark:text-slate-400">No runs on this day{byDate.get(picked)?.planned ? "; the schedule plans some (see the outlined square)" : ""}.</p>
          )}
        </section>
      ) : null}
    </section>
  );
}
