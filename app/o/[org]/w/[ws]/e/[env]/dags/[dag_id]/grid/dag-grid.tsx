"use client";
// The Grid itself: a sticky task column, one column per run (newest on the right), a glyph
// per cell; group rows collapse; the selected cell's details sit beside the grid. Selection
// is kept by run id and task id, so it survives the live refreshes that add new runs.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { groupState, visibleRows, type GridRow } from "@/lib/domain/run/grid-rows";
import { unpackGridCells, type PackedGridCells } from "@/lib/domain/run/grid-wire";
import type { GridCell, GridRun } from "@/lib/server/services/dags/read-dag-grid";
import { formatDate, formatDuration } from "../../_components/format";
import { StateBadge } from "../../_components/run-state";
import { GlyphSprites, StateGlyph, StateGlyphRef, stateLabel } from "../../_components/state-glyph";
import { TaskActions } from "../../_components/task-actions";
import { tryBudgetText } from "@/lib/domain/run/try-budget";
import type { EnvScope } from "../runs/[run_id]/actions";

const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type Selection = { taskId: string; runId: string };
const COLLAPSE_ABOVE = 100;
type Props = {
  runs: GridRun[];
  /** Packed for the wire (lib/domain/run/grid-wire): ~3× less HTML on big DAGs. */
  cells: PackedGridCells;
  rows: GridRow[];
  runsBase: string;
  initial?: Selection | null;
  /** Given to operators: the details offer clear and mark. */
  operate?: { scope: EnvScope; dagId: string } | null;
};

export function DagGridView({ runs, cells: packed, rows, runsBase, initial: fromServer = null, operate = null }: Props) {
  const cells = useMemo(() => unpackGridCells(packed) as Record<string, (GridCell | null)[]>, [packed]);
  // The URL wins over the server's props: coming back to the grid (history back) restores the
  // page from the router cache, whose props predate the selection written into the URL.
  const params = useSearchParams();
  const task = params.get("task");
  const run = params.get("run");
  const initial: Selection | null = task && run ? { taskId: task, runId: run } : fromServer;
  // A big DAG opens with its groups collapsed (a row per group, not thousands of cells),
  // except the groups around a task linked to with ?task=.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => {
    if (rows.filter((r) => r.kind === "task").length <= COLLAPSE_ABOVE) return new Set();
    const open = new Set<string>();
    const parentOf = new Map(rows.map((r) => [r.id, r.parent]));
    for (let g = initial ? (parentOf.get(initial.taskId) ?? null) : null; g; g = parentOf.get(g) ?? null) open.add(g);
    return new Set(rows.filter((r) => r.kind === "group" && !open.has(r.id)).map((r) => r.id));
  });
  const [selected, setSelectedState] = useState<Selection | null>(initial);
  // The selection lives in the URL too (?task=&run=), so a cell can be linked to; replaceState
  // does not re-run the server page.
  const setSelected = (sel: Selection) => {
    setSelectedState(sel);
    const url = new URL(window.location.href);
    url.searchParams.set("task", sel.taskId);
    url.searchParams.set("run", sel.runId);
    window.history.replaceState(null, "", url);
  };
  const shown = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  // The newest runs are on the right and matter most: start scrolled there when it overflows.
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  }, [runs.length]);
  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const runIndex = selected ? runs.findIndex((r) => r.runId === selected.runId) : -1;
  const cell = selected && runIndex >= 0 ? (cells[selected.taskId]?.[runIndex] ?? null) : null;
  const hrefOfRun = (runId: string) => `${runsBase}/${encodeURIComponent(runId)}`;

  return (
    <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
      <GlyphSprites />
      <div ref={scroller} className="min-w-0 flex-1 overflow-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60 lg:max-h-[70vh]">
        <table className="border-separate border-spacing-0 text-sm" aria-label="Task instances by run">
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 top-0 z-20 min-w-40 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
                Task
              </th>
              {runs.map((r) => (
                <th key={r.runId} scope="col" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-0.5 py-2 dark:border-slate-800 dark:bg-slate-900">
                  <Link href={hrefOfRun(r.runId)} title={`${r.runId} · ${stateLabel(r.state)} · ${formatDate(r.logicalDate ?? r.runAfter)}`} aria-label={`Run ${r.runId}: ${stateLabel(r.state)}`} className="mx-auto flex w-5 justify-center rounded focus-visible:outline-2 focus-visible:outline-brand-500">
                    <StateGlyph state={r.state} size={16} />
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const isGroup = row.kind === "group";
              const open = isGroup && !collapsed.has(row.id);
              return (
                <tr key={row.id} data-row={row.id} className="group/row hover:bg-slate-50 dark:hover:bg-slate-800/40">
                  <th scope="row" className="sticky left-0 z-10 max-w-60 border-b border-slate-100 bg-white px-3 py-0.5 text-left font-normal group-hover/row:bg-slate-50 dark:border-slate-800/60 dark:bg-slate-950 dark:group-hover/row:bg-slate-900">
                    <div className="flex items-center gap-1 truncate" style={{ paddingLeft: row.depth * 14 }}>
                      {isGroup ? (
                        <button
                          type="button"
                          onClick={() => toggle(row.id)}
                          aria-expanded={open}
                          aria-label={`${open ? "Collapse" : "Expand"} task group ${row.id}`}
                          className="inline-flex items-center gap-1 rounded px-0.5 text-xs font-semibold text-slate-700 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-300 dark:hover:text-white"
                        >
                          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={`h-3.5 w-3.5 ${open ? "rotate-90" : ""}`}>
                            <path d="M7.2 4.2a.75.75 0 0 1 1.06 0l5.25 5.27a.75.75 0 0 1 0 1.06L8.26 15.8a.75.75 0 1 1-1.06-1.06L11.92 10 7.2 5.27a.75.75 0 0 1 0-1.06Z" />
                          </svg>
                          <span className="font-mono">{row.label}</span>
                          <span className="font-normal text-slate-400">({row.taskIds.length})</span>
                        </button>
                      ) : (
                        <span title={row.id} className="truncate font-mono text-[12.5px] text-slate-800 dark:text-slate-200">
                          {row.label}
                        </span>
                      )}
                    </div>
                  </th>
                  {runs.map((r, i) => {
                    if (isGroup) {
                      const s = groupState(row.taskIds.map((t) => cells[t]?.[i]?.[0]));
                      return (
                        <td key={r.runId} className="border-b border-slate-100 px-0.5 py-0.5 dark:border-slate-800/60">
                          <span className="mx-auto flex w-5 justify-center opacity-80" title={`${row.id} in ${r.runId}: ${stateLabel(s)}`}>
                            <StateGlyphRef state={s} size={14} />
                          </span>
                        </td>
                      );
                    }
                    const c = cells[row.id]?.[i] ?? null;
                    const isSel = selected?.taskId === row.id && selected.runId === r.runId;
                    return (
                      <td key={r.runId} className="border-b border-slate-100 px-0.5 py-0.5 dark:border-slate-800/60">
                        <button
                          type="button"
                          data-cell={`${row.id}@${r.runId}`}
                          data-state={c?.[0] ?? "none"}
                          aria-label={`${row.id} in run ${r.runId}: ${stateLabel(c?.[0] ?? null)}`}
                          aria-pressed={isSel}
                          onClick={() => setSelected({ taskId: row.id, runId: r.runId })}
                          className={`mx-auto flex h-5 w-5 items-center justify-center rounded focus-visible:outline-2 focus-visible:outline-brand-500 ${isSel ? "ring-2 ring-brand-500 ring-offset-1 dark:ring-offset-slate-950" : "hover:ring-1 hover:ring-slate-400"}`}
                        >
                          <StateGlyphRef state={c?.[0] ?? null} size={16} />
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <aside aria-label="Selected task instance" className="w-full flex-none rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900/60 lg:sticky lg:top-4 lg:w-72">
        {selected ? (
          <CellDetails taskId={selected.taskId} run={runs[runIndex]} cell={cell} runHref={runIndex >= 0 ? hrefOfRun(selected.runId) : null} operate={operate} />
        ) : (
          <p className="text-slate-500 dark:text-slate-400">Select a cell to see that task instance: its state, tries, times, why it ran or did not, and its log.</p>
        )}
      </aside>
    </div>
  );
}

function CellDetails({ taskId, run, cell, runHref, operate }: { taskId: string; run: GridRun | undefined; cell: GridCell | null; runHref: string | null; operate: Props["operate"] }) {
  return (
    <div className="space-y-3">
      <div>
        <h3 className="break-all font-mono text-sm font-semibold text-slate-900 dark:text-white">{taskId}</h3>
        <p className="break-all text-xs text-slate-500 dark:text-slate-400">
          run{" "}
          {runHref ? (
            <Link href={runHref} className="font-mono hover:underline">
              {run?.runId}
            </Link>
          ) : (
            "—"
          )}
        </p>
      </div>
      {cell ? (
        <>
          <StateBadge state={cell[0]} />
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-xs">
            <dt className="text-slate-500 dark:text-slate-400">Try</dt>
            <dd className="text-slate-900 dark:text-slate-100">{tryBudgetText(cell[0], cell[1], cell[2])}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Started</dt>
            <dd className="text-slate-900 dark:text-slate-100">{formatDate(isoOf(cell[3]), true)}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Ended</dt>
            <dd className="text-slate-900 dark:text-slate-100">{formatDate(isoOf(cell[4]), true)}</dd>
            <dt className="text-slate-500 dark:text-slate-400">Duration</dt>
            <dd className="text-slate-900 dark:text-slate-100">{formatDuration(isoOf(cell[3]), isoOf(cell[4]))}</dd>
          </dl>
          {cell[5] ? (
            <p data-testid="cell-reason" className="rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-700 dark:bg-slate-800/60 dark:text-slate-300">
              {cell[5]}
            </p>
          ) : null}
          {cell[1] > 0 && runHref ? (
            <Link
              href={`${runHref}/tasks/${encodeURIComponent(taskId)}?try=${cell[1]}`}
              className="inline-flex items-center gap-1 rounded-md border border-slate-200 px-2.5 py-1.5 text-xs font-medium text-brand-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:text-brand-300 dark:hover:bg-slate-800"
            >
              Log of try {cell[1]} →
            </Link>
          ) : (
            <p className="text-xs text-slate-500 dark:text-slate-400">No try yet, so no log.</p>
          )}
          {operate && run ? (
            <div className="border-t border-slate-100 pt-3 dark:border-slate-800">
              <TaskActions scope={operate.scope} dagId={operate.dagId} runId={run.runId} taskId={taskId} compact />
            </div>
          ) : null}
        </>
      ) : (
        <p className="text-xs text-slate-500 dark:text-slate-400">This task did not exist in this run’s version.</p>
      )}
    </div>
  );
}
