"use client";
// The heatmap itself: weeks as columns (Monday on top), a square per day, coloured by the
// day's state (failed and running also carry a mark, so colour is not the only cue; planned
// days are outlined), a tooltip on hover or focus, a link per day that opens its runs.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";

export interface HeatmapDay {
  date: string;
  state: "failed" | "running" | "success" | "planned" | null;
  /** Runs that happened that day (not planned ones). */
  total: number;
  /** "2026-11-03: 3 success, 1 failed" */
  label: string;
  future: boolean;
  /** A day of the neighbouring year that fills the first or last week of a year's view. */
  outside?: boolean;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function cellClass(d: HeatmapDay): string {
  switch (d.state) {
    case "failed":
      return "bg-red-500 dark:bg-red-500";
    case "running":
      return "bg-sky-500 dark:bg-sky-500";
    case "success":
      // More runs, deeper green (GitHub's contribution graph).
      return d.total >= 10 ? "bg-emerald-600 dark:bg-emerald-400" : d.total >= 4 ? "bg-emerald-500 dark:bg-emerald-500" : d.total >= 2 ? "bg-emerald-400 dark:bg-emerald-600" : "bg-emerald-300 dark:bg-emerald-700";
    case "planned":
      return "border border-dashed border-emerald-500 bg-emerald-50 dark:border-emerald-400/80 dark:bg-emerald-400/10";
    default:
      return d.future ? "border border-slate-200 dark:border-slate-800" : "bg-slate-100 dark:bg-slate-800";
  }
}

function Mark({ state }: { state: HeatmapDay["state"] }) {
  if (state === "failed")
    return (
      <svg aria-hidden="true" viewBox="0 0 12 12" className="h-full w-full stroke-white">
        <path d="M3.5 3.5l5 5M8.5 3.5l-5 5" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    );
  if (state === "running")
    return (
      <svg aria-hidden="true" viewBox="0 0 12 12" className="h-full w-full fill-white">
        <circle cx="6" cy="6" r="2" />
      </svg>
    );
  return null;
}

/** `query`: search parameters to keep in each day's link (e.g. "year=2025&"). */
export function CalendarHeatmap({ weeks, today, selected, query = "" }: { weeks: HeatmapDay[][]; today: string; selected: string | null; query?: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null);
  // Today sits near the right edge; on a narrow screen start scrolled there.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  }, []);
  const show = (el: HTMLElement, text: string) => {
    const box = el.getBoundingClientRect();
    const outer = scroller.current!.parentElement!.getBoundingClientRect();
    setTip({ text, x: box.left + box.width / 2 - outer.left, y: box.top - outer.top });
  };

  // One tab stop for the whole calendar (the picked day, else today, else the first day);
  // arrow keys move a day up/down and a week left/right, as in GitHub's contribution graph.
  const days = weeks.flat();
  const stop = [selected, today].find((d) => d && days.some((x) => x.date === d)) ?? days[0]?.date;
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 }[e.key];
    const from = (e.target as HTMLElement).dataset.day;
    if (!step || !from) return;
    const i = days.findIndex((d) => d.date === from) + step;
    const el = i >= 0 && i < days.length ? e.currentTarget.querySelector<HTMLElement>(`[data-day="${days[i].date}"]`) : null;
    if (!el) return;
    e.preventDefault();
    el.focus();
  };

  return (
    <div className="relative">
      <p id="calendar-keys" className="sr-only">
        Arrow keys move between days; Enter lists a day’s runs.
      </p>
      <div ref={scroller} className="overflow-x-auto p-1">
        <div className="flex min-w-max gap-[3px]" role="group" aria-label="Runs per day" aria-describedby="calendar-keys" onMouseLeave={() => setTip(null)} onKeyDown={onKeyDown}>
          <div className="flex flex-col gap-[3px] pr-1.5 text-[10px] leading-[14px] text-slate-500 dark:text-slate-400" aria-hidden="true">
            <span className="h-4" />
            {["Mon", "", "Wed", "", "Fri", "", "Sun"].map((l, i) => (
              <span key={i} className="h-[14px]">
                {l}
              </span>
            ))}
          </div>
          {weeks.map((week, w) => {
            const first = week.find((d) => d.date.endsWith("-01"));
            // A month is named over the week of its 1st; the first week is named too unless the next one starts a month (they would overlap).
            const month = first?.date ?? (w === 0 && !weeks[1]?.some((d) => d.date.endsWith("-01")) ? week[0].date : undefined);
            return (
              <div key={week[0].date} className="flex flex-col gap-[3px]">
                {/* The month's name overflows its column instead of widening it. */}
                <span aria-hidden="true" className="relative h-4">
                  <span className="absolute left-0 top-0 whitespace-nowrap text-[10px] leading-4 text-slate-500 dark:text-slate-400">
                    {month ? MONTHS[Number(month.slice(5, 7)) - 1] : ""}
                  </span>
                </span>
                {week.map((d) => (
                  <Link
                    key={d.date}
                    href={`?${query}day=${d.date}`}
                    scroll={false}
                    prefetch={false}
                    data-day={d.date}
                    data-state={d.state ?? "none"}
                    aria-label={d.label}
                    aria-current={selected === d.date ? "date" : undefined}
                    tabIndex={d.date === stop ? 0 : -1}
                    onMouseEnter={(e) => show(e.currentTarget, d.label)}
                    onFocus={(e) => show(e.currentTarget, d.label)}
                    onBlur={() => setTip(null)}
                    className={`block h-[14px] w-[14px] rounded-[3px] ${d.outside ? "opacity-40" : ""} focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500 ${cellClass(d)} ${
                      selected === d.date ? "ring-2 ring-brand-500 ring-offset-1 dark:ring-offset-slate-900" : d.date === today ? "ring-1 ring-slate-500 ring-offset-1 dark:ring-slate-300 dark:ring-offset-slate-900" : "hover:ring-1 hover:ring-slate-400"
                    }`}
                  >
                    <Mark state={d.state} />
                  </Link>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {tip ? (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-30 -translate-x-1/2 -translate-y-full whitespace-nowrap rounded-md bg-slate-900 px-2 py-1 text-xs font-medium text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
          style={{ left: tip.x, top: tip.y - 6 }}
        >
          {tip.text}
        </div>
      ) : null}
    </div>
  );
}

export function CalendarLegend() {
  const items: { label: string; cls: string; state: HeatmapDay["state"] }[] = [
    { label: "all success", cls: "bg-emerald-500", state: "success" },
    { label: "any failed", cls: "bg-red-500", state: "failed" },
    { label: "running or queued", cls: "bg-sky-500", state: "running" },
    { label: "planned", cls: "border border-dashed border-emerald-500 bg-emerald-50 dark:border-emerald-400/80 dark:bg-emerald-400/10", state: "planned" },
    { label: "no runs", cls: "bg-slate-100 dark:bg-slate-800", state: null },
  ];
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 text-xs text-slate-600 dark:text-slate-400">
      <ul aria-label="Calendar legend" className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
        {items.map((i) => (
          <li key={i.label} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-[14px] w-[14px] rounded-[3px] ${i.cls}`}>
              <Mark state={i.state} />
            </span>
            {i.label}
          </li>
        ))}
      </ul>
      <span className="inline-flex items-center gap-1.5" aria-label="Successful runs per day: more runs, deeper green">
        fewer
        {["bg-emerald-300 dark:bg-emerald-700", "bg-emerald-400 dark:bg-emerald-600", "bg-emerald-500", "bg-emerald-600 dark:bg-emerald-400"].map((c) => (
          <span key={c} aria-hidden="true" className={`inline-block h-[14px] w-[14px] rounded-[3px] ${c}`} />
        ))}
        more
      </span>
    </div>
  );
}
