// The Grid tab: the last runs × every task, state per cell, groups collapsible, the chosen
// cell's details beside the grid. Live (re-read every 1.5 s) while a run is active.
import type { Metadata } from "next";
import { pageAccess } from "@/lib/server/authz";
import { buildGridRows } from "@/lib/domain/run/grid-rows";
import { packGridCells } from "@/lib/domain/run/grid-wire";
import { readDagGrid } from "@/lib/server/services/dags/read-dag-grid";
import { AutoRefresh } from "../../_components/auto-refresh";
import { ACTIVE_STATES } from "../../_components/run-state";
import { StateLegend } from "../../_components/state-glyph";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";
import { DagGridView } from "./dag-grid";
import { roleAtLeast } from "@/lib/domain/authz";

export const metadata: Metadata = { title: "Grid" };

type Props = { params: Promise<DagRouteParams>; searchParams: Promise<{ runs?: string; task?: string; run?: string }> };

export default async function DagGridPage({ params, searchParams }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, spec, base } = await loadDag(gate, routeParams.dag_id);
  const search = await searchParams;
  const limit = Math.min(100, Math.max(1, Number(search.runs) || 25));
  const grid = await readDagGrid(access, view.dag_id, limit);
  const rows = buildGridRows(spec.tasks, spec.task_groups ?? [], Object.keys(grid.cells));
  const active = grid.runs.some((r) => ACTIVE_STATES.has(r.state));
  return (
    <section aria-labelledby="grid-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="grid-title" className="text-sm font-semibold text-slate-900 dark:text-white">
          Grid <span className="font-normal text-slate-500 dark:text-slate-400">· last {grid.runs.length} run{grid.runs.length === 1 ? "" : "s"} × {rows.filter((r) => r.kind === "task").length} tasks</span>
        </h2>
        <AutoRefresh active={active} />
      </div>
      <StateLegend />
      {grid.runs.length ? (
        <DagGridView runs={grid.runs} cells={packGridCells(grid.cells, grid.runs.length)} rows={rows} runsBase={`${base}/runs`} initial={search.task && search.run ? { taskId: search.task, runId: search.run } : null}
          operate={roleAtLeast(access.role, "operator") ? { scope: envScopeOf(routeParams), dagId: view.dag_id } : null}
        />
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">No runs yet: trigger the DAG to fill the grid.</p>
      )}
    </section>
  );
}
