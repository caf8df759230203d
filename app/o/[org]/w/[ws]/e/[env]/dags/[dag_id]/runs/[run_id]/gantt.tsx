// One run's Gantt: a bar per try on a shared time axis, the queued part (handed to a worker
// queue, not started yet) hatched and pale, the running part in the try's state colour.
import Link from "next/link";
import type { TaskRow } from "@/lib/server/services/dags/read-dag-runs";
import { formatDuration } from "../../../_components/format";
import { fillOf, StateGlyph, stateLabel } from "../../../_components/state-glyph";

const ms = (iso: string) => Date.parse(iso);

function tickLabel(offsetMs: number, spanMs: number): string {
  const s = offsetMs / 1000;
  if (spanMs < 2000) return `${Math.round(offsetMs)} ms`;
  if (s < 60) return `${spanMs < 20_000 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${Math.round((s % 3600) / 60)}m`;
}

export function RunGantt({ tasks, now, runHref }: { tasks: TaskRow[]; now: number; runHref: string }) {
  const bars = tasks.flatMap((t) =>
    t.tries.map((tr) => {
      const start = ms(tr.startDate);
      const queued = tr.queuedAt ? Math.min(ms(tr.queuedAt), start) : start;
      const end = tr.endDate ? ms(tr.endDate) : now;
      return { taskId: t.taskId, tryNumber: tr.tryNumber, state: tr.state, queued, start, end: Math.max(end, start) };
    }),
  );
  if (!bars.length) return <p className="text-sm text-slate-500 dark:text-slate-400">No task has started yet.</p>;
  const t0 = Math.min(...bars.map((b) => b.queued));
  const span = Math.max(1, Math.max(...bars.map((b) => b.end)) - t0);
  const pct = (x: number) => `${((x - t0) / span) * 100}%`;
  const width = (a: number, b: number) => `max(2px, ${((b - a) / span) * 100}%)`;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
      <div className="min-w-[36rem]">
        <div className="mb-2 flex items-center gap-4 text-xs text-slate-600 dark:text-slate-400">
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="h-2.5 w-5 rounded-sm bg-slate-300 bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgba(255,255,255,.6)_3px_5px)] dark:bg-slate-600" /> queued
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="h-2.5 w-5 rounded-sm bg-slate-500 dark:bg-slate-300" /> running (coloured by the try’s state)
          </span>
        </div>
        <div className="grid grid-cols-[minmax(9rem,14rem)_1fr] text-xs">
          <div />
          <div className="relative h-5 border-b border-slate-200 text-slate-500 dark:border-slate-700 dark:text-slate-400">
            {ticks.map((f) => (
              <span key={f} className="absolute top-0 -translate-x-1/2 whitespace-nowrap first:translate-x-0 last:-translate-x-full" style={{ left: `${f * 100}%` }}>
                {tickLabel(f * span, span)}
              </span>
            ))}
          </div>
          {bars.map((b) => {
            const label = `${b.taskId}, try ${b.tryNumber}: ${stateLabel(b.state)}, queued ${formatDuration(new Date(b.queued).toISOString(), new Date(b.start).toISOString())}, ran ${formatDuration(new Date(b.start).toISOString(), new Date(b.end).toISOString())}`;
            return (
              <div key={`${b.taskId}#${b.tryNumber}`} className="contents">
                <div className="flex min-w-0 items-center gap-1.5 border-b border-slate-100 py-1 pr-2 dark:border-slate-800/60">
                  <StateGlyph state={b.state} size={12} />
                  <Link href={`${runHref}?task=${encodeURIComponent(b.taskId)}&try=${b.tryNumber}`} scroll={false} className="truncate font-mono text-slate-800 hover:underline dark:text-slate-200" title={b.taskId}>
                    {b.taskId}
                  </Link>
                  {b.tryNumber > 1 ? <span className="flex-none text-slate-400">#{b.tryNumber}</span> : null}
                </div>
                <div className="relative border-b border-slate-100 dark:border-slate-800/60" role="img" aria-label={label} title={label} data-gantt-bar={`${b.taskId}#${b.tryNumber}`}>
                  <span className="absolute inset-y-0 w-px bg-slate-100 dark:bg-slate-800" style={{ left: "50%" }} aria-hidden="true" />
                  {b.start > b.queued ? (
                    <span aria-hidden="true" className="absolute top-1/2 h-3 -translate-y-1/2 rounded-l-sm bg-slate-300 bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgba(255,255,255,.6)_3px_5px)] dark:bg-slate-600" style={{ left: pct(b.queued), width: width(b.queued, b.start) }} />
                  ) : null}
                  <span aria-hidden="true" className="absolute top-1/2 h-3 -translate-y-1/2 rounded-sm" style={{ left: pct(b.start), width: width(b.start, b.end), background: fillOf(b.state) === "transparent" ? "#94a3b8" : fillOf(b.state) }} />
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
