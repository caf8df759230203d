"use client";
// Task durations over runs: one line per chosen task (hand-drawn SVG), hover values at the
// run under the pointer, a task filter beside the chart, and the same numbers as a table
// (always present for screen readers; shown for everyone with the "Table" switch).
import { useMemo, useRef, useState } from "react";
import type { DurationRun, TaskDurationSeries } from "@/lib/server/services/dags/read-task-durations";
import { fillOf, stateLabel } from "../../_components/state-glyph";

// Ten colours that stay apart in light and dark mode (Tableau 10, a little brighter).
const PALETTE = ["#5b9bd5", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#8e8cd8"];
const DEFAULT_SHOWN = 8;
const W = 860;
const H = 300;
const M = { top: 14, right: 16, bottom: 34, left: 56 };

type Unit = { label: string; ms: number };
function unitFor(maxMs: number): Unit {
  if (maxMs >= 2 * 3_600_000) return { label: "h", ms: 3_600_000 };
  if (maxMs >= 120_000) return { label: "min", ms: 60_000 };
  return { label: "s", ms: 1000 };
}

/** Round tick steps (1, 2, 5 × 10^k) so about `count` ticks cover [0, max]. */
function ticks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < max) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

const shortDate = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
const maxOf = (xs: (number | null)[]) => xs.reduce<number>((a, b) => (b !== null && b > a ? b : a), 0);
function median(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
}

export function DurationsChart({ runs, tasks }: { runs: DurationRun[]; tasks: TaskDurationSeries[] }) {
  const withData = useMemo(() => tasks.filter((t) => t.durations.some((d) => d !== null)), [tasks]);
  const stats = useMemo(() => new Map(tasks.map((t) => [t.taskId, { max: maxOf(t.durations), median: median(t.durations) }])), [tasks]);
  const slowest = useMemo(
    () => [...withData].sort((a, b) => stats.get(b.taskId)!.max - stats.get(a.taskId)!.max).slice(0, DEFAULT_SHOWN).map((t) => t.taskId),
    [withData, stats],
  );
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(slowest));
  const [filter, setFilter] = useState("");
  const [view, setView] = useState<"chart" | "table">("chart");
  const [hover, setHover] = useState<number | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  // File order, so a task keeps its place (and colour) while others are switched on and off.
  const shown = tasks.filter((t) => chosen.has(t.taskId));
  const colourOf = new Map(shown.map((t, i) => [t.taskId, PALETTE[i % PALETTE.length]]));
  const maxMs = Math.max(1, ...shown.map((t) => stats.get(t.taskId)!.max));
  const unit = unitFor(maxMs);
  const yTicks = ticks(maxMs / unit.ms);
  const yMax = yTicks[yTicks.length - 1] * unit.ms;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (runs.length === 1 ? plotW / 2 : (i / (runs.length - 1)) * plotW);
  const y = (ms: number) => M.top + plotH - (ms / yMax) * plotH;
  const xTickEvery = Math.max(1, Math.ceil(runs.length / 7));

  const pathOf = (d: (number | null)[]) => {
    let p = "";
    let pen = false;
    d.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      p += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return p;
  };

  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const box = svgRef.current!.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * W;
    if (px < M.left - 10 || px > W - M.right + 10) return setHover(null);
    const i = runs.length === 1 ? 0 : Math.round(((px - M.left) / plotW) * (runs.length - 1));
    setHover(Math.min(runs.length - 1, Math.max(0, i)));
  };

  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const needle = filter.trim().toLowerCase();
  const matches = needle ? withData.filter((t) => t.taskId.toLowerCase().includes(needle)) : withData;
  // The tasks on the chart first (a 500-task DAG would hide them far down the list).
  const listed = [...matches.filter((t) => chosen.has(t.taskId)), ...matches.filter((t) => !chosen.has(t.taskId))];
  const firstOff = listed.findIndex((t) => !chosen.has(t.taskId));

  const hoverRows = hover === null ? [] : shown.map((t) => ({ taskId: t.taskId, ms: t.durations[hover] })).sort((a, b) => (b.ms ?? -1) - (a.ms ?? -1));

  const table = (
    <table className="min-w-full text-sm" aria-label="Task durations by run">
      <caption className="sr-only">Duration of each chosen task in each of the last {runs.length} runs, newest first</caption>
      <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
        <tr>
          <th scope="col" className="whitespace-nowrap px-3 py-2">Run</th>
          {shown.map((t) => (
            <th key={t.taskId} scope="col" className="whitespace-nowrap px-3 py-2 font-mono font-medium">
              {t.taskId}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {runs
          .map((r, i) => ({ r, i }))
          .reverse()
          .map(({ r, i }) => (
            <tr key={r.runId}>
              <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-normal">
                <span className="font-mono text-[12.5px] text-slate-800 dark:text-slate-200">{r.runId}</span>
                <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{stateLabel(r.state)}</span>
              </th>
              {shown.map((t) => (
                <td key={t.taskId} className="whitespace-nowrap px-3 py-1.5 tabular-nums text-slate-700 dark:text-slate-300">
                  {formatMs(t.durations[i])}
                </td>
              ))}
            </tr>
          ))}
      </tbody>
    </table>
  );

  return (
    <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
      <div className="min-w-0 flex-1 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
        <div className="mb-2 flex items-center justify-between gap-3">
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {shown.length} of {withData.length} task{withData.length === 1 ? "" : "s"} · duration of the latest try, in {unit.label === "s" ? "seconds" : unit.label === "min" ? "minutes" : "hours"}
          </p>
          <div role="group" aria-label="Show as" className="inline-flex rounded-lg border border-slate-200 p-0.5 text-xs dark:border-slate-700">
            {(["chart", "table"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                className={`rounded-md px-2.5 py-1 font-medium capitalize focus-visible:outline-2 focus-visible:outline-brand-500 ${view === v ? "bg-slate-900 text-white dark:bg-white dark:text-slate-900" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
              >
                {v}
              </button>
            ))}
          </div>
        </div>

        {view === "chart" ? (
          <div className="relative">
            <svg
              ref={svgRef}
              data-testid="durations-chart"
              viewBox={`0 0 ${W} ${H}`}
              className="h-auto w-full select-none text-slate-500 dark:text-slate-400"
              role="img"
              aria-label={`Line chart of task durations over the last ${runs.length} runs; the table below has the same numbers`}
              onPointerMove={onMove}
              onPointerLeave={() => setHover(null)}
            >
              {yTicks.map((v) => (
                <g key={v}>
                  <line x1={M.left} x2={W - M.right} y1={y(v * unit.ms)} y2={y(v * unit.ms)} className="stroke-slate-200 dark:stroke-slate-800" strokeDasharray={v ? "3 3" : undefined} />
                  <text x={M.left - 8} y={y(v * unit.ms)} dy="0.32em" textAnchor="end" fontSize="11" fill="currentColor">
                    {v} {unit.label}
                  </text>
                </g>
              ))}
              {runs.map((r, i) =>
                i % xTickEvery === 0 || i === runs.length - 1 ? (
                  <text key={r.runId} x={x(i)} y={H - M.bottom + 22} textAnchor={runs.length > 1 && i === runs.length - 1 ? "end" : runs.length > 1 && i === 0 ? "start" : "middle"} fontSize="11" fill="currentColor">
                    {shortDate(r.date)}
                  </text>
                ) : null,
              )}
              {/* Each run's state as a small mark under the axis: a spike next to a red mark explains itself. */}
              {runs.map((r, i) => (
                <rect key={r.runId} data-run-state={r.state} x={x(i) - 3} y={M.top + plotH + 3} width="6" height="3" rx="1" fill={fillOf(r.state)} />
              ))}
              {hover !== null ? <line x1={x(hover)} x2={x(hover)} y1={M.top} y2={M.top + plotH} className="stroke-slate-400 dark:stroke-slate-500" strokeWidth="1" /> : null}
              {shown.map((t) => (
                <g key={t.taskId} data-task={t.taskId} stroke={colourOf.get(t.taskId)} fill={colourOf.get(t.taskId)}>
                  <path d={pathOf(t.durations)} fill="none" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" />
                  {t.durations.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={hover === i ? 4.5 : runs.length > 60 ? 0 : 2.5} className="stroke-white dark:stroke-slate-900" strokeWidth={hover === i ? 1.5 : 0} />))}
                </g>
              ))}
            </svg>
            {hover !== null && hoverRows.length ? (
              <div
                // Hover values are for the eye; screen readers have the same numbers in the table.
                aria-hidden="true"
                data-testid="durations-tooltip"
                className="pointer-events-none absolute top-2 z-20 max-w-xs rounded-lg border border-slate-200 bg-white/95 px-3 py-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900/95"
                style={x(hover) > W / 2 ? { right: `${((W - x(hover)) / W) * 100 + 2}%` } : { left: `${(x(hover) / W) * 100 + 2}%` }}
              >
                <p className="font-mono font-semibold text-slate-900 dark:text-white">{runs[hover].runId}</p>
                <p className="mb-1 text-slate-500 dark:text-slate-400">
                  {shortDate(runs[hover].date)} UTC · {stateLabel(runs[hover].state)}
                </p>
                <ul className="space-y-0.5">
                  {hoverRows.slice(0, 10).map((r) => (
                    <li key={r.taskId} className="flex items-center gap-2">
                      <span aria-hidden="true" className="h-2 w-2 flex-none rounded-full" style={{ background: colourOf.get(r.taskId) }} />
                      <span className="truncate font-mono text-slate-700 dark:text-slate-300">{r.taskId}</span>
                      <span className="ml-auto pl-3 tabular-nums font-medium text-slate-900 dark:text-white">{formatMs(r.ms)}</span>
                    </li>
                  ))}
                  {hoverRows.length > 10 ? <li className="text-slate-500">+{hoverRows.length - 10} more</li> : null}
                </ul>
              </div>
            ) : null}
            <div className="sr-only">{table}</div>
          </div>
        ) : (
          <div className="max-h-[60vh] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">{table}</div>
        )}
      </div>

      <aside aria-label="Tasks" className="w-full flex-none rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900/60 lg:w-72">
        <label className="block">
          <span className="sr-only">Filter tasks</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={`Filter ${withData.length} tasks…`}
            className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
          />
        </label>
        <div className="mt-2 flex gap-2 text-xs">
          <button type="button" onClick={() => setChosen(new Set(slowest))} className="rounded-md px-2 py-1 font-medium text-brand-700 hover:bg-slate-100 dark:text-brand-300 dark:hover:bg-slate-800">
            Slowest {Math.min(DEFAULT_SHOWN, withData.length)}
          </button>
          {needle ? (
            <button type="button" onClick={() => setChosen((prev) => new Set([...prev, ...listed.slice(0, 20).map((t) => t.taskId)]))} className="rounded-md px-2 py-1 font-medium text-brand-700 hover:bg-slate-100 dark:text-brand-300 dark:hover:bg-slate-800">
              Add matches
            </button>
          ) : null}
          <button type="button" onClick={() => setChosen(new Set())} className="rounded-md px-2 py-1 font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
            Clear
          </button>
        </div>
        <p aria-hidden="true" className="mt-2 flex justify-between border-b border-slate-100 px-1.5 pb-1 text-[11px] font-medium uppercase tracking-wide text-slate-400 dark:border-slate-800 dark:text-slate-500">
          <span>Task</span>
          <span>Median</span>
        </p>
        <ul className="mt-1 max-h-80 space-y-0.5 overflow-y-auto" aria-label="Tasks to draw">
          {listed.slice(0, 200).map((t, i) => {
            const on = chosen.has(t.taskId);
            return (
              <li key={t.taskId} className={i === firstOff && i > 0 ? "mt-1.5 border-t border-slate-100 pt-1.5 dark:border-slate-800" : undefined}>
                <label className="flex cursor-pointer items-center gap-2 rounded-md px-1.5 py-1 hover:bg-slate-50 dark:hover:bg-slate-800/60">
                  <input type="checkbox" checked={on} onChange={() => toggle(t.taskId)} className="h-3.5 w-3.5 accent-brand-600" />
                  <span aria-hidden="true" className="h-2.5 w-2.5 flex-none rounded-sm" style={{ background: on ? colourOf.get(t.taskId) : "transparent", outline: on ? "none" : "1px solid rgb(148 163 184)" }} />
                  <span className="min-w-0 flex-1 truncate font-mono text-[12.5px] text-slate-800 dark:text-slate-200" title={t.taskId}>
                    {t.taskId}
                  </span>
                  <span className="tabular-nums text-xs text-slate-500 dark:text-slate-400" title="median duration">
                    {formatMs(stats.get(t.taskId)!.median)}
                  </span>
                </label>
              </li>
            );
          })}
          {listed.length > 200 ? <li className="px-1.5 py-1 text-xs text-slate-500">{listed.length - 200} more: type to filter</li> : null}
          {!listed.length ? <li className="px-1.5 py-1 text-xs text-slate-500">No task matches “{filter}”.</li> : null}
        </ul>
      </aside>
    </div>
  );
}
