// The Graph tab: the DAG's tasks laid out by dagre, coloured by one run's states (the
// latest, or ?run=<run_id> among the recent ones), live while that run is active.
import type { Metadata } from "next";
import Link from "next/link";
import { pageAccess } from "@/lib/server/authz";
import { readDagGrid } from "@/lib/server/services/dags/read-dag-grid";
import { AutoRefresh } from "../../_components/auto-refresh";
import { ACTIVE_STATES, StateBadge } from "../../_components/run-state";
import { fillOf, StateLegend, stateLabel } from "../../_components/state-glyph";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";
import { DagGraphView } from "./dag-graph";

export const metadata: Metadata = { title: "Graph" };

type Props = { params: Promise<DagRouteParams>; searchParams: Promise<{ run?: string }> };

export default async function DagGraphPage({ params, searchParams }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, spec, base } = await loadDag(gate, routeParams.dag_id);
  const wanted = (await searchParams).run;
  const recent = await readDagGrid(access, view.dag_id, 10);
  const index = wanted ? recent.runs.findIndex((r) => r.runId === wanted) : recent.runs.length - 1;
  const run = index >= 0 ? recent.runs[index] : undefined;
  const states: Record<string, string> = {};
  if (run) for (const [taskId, row] of Object.entries(recent.cells)) if (row[index]) states[taskId] = row[index]![0];
  const active = !!run && ACTIVE_STATES.has(run.state);
  const tasks = spec.tasks.map((t) => ({ task_id: t.task_id, task_group: t.task_group, upstream: t.upstream, operator: t.operator as string }));
  return (
    <section aria-labelledby="graph-title" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="graph-title" className="text-sm font-semibold text-slate-900 dark:text-white">
          Graph
        </h2>
        {run ? (
          <span className="flex min-w-0 items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
            states of run
            <Link href={`${base}/runs/${encodeURIComponent(run.runId)}`} className="truncate font-mono text-brand-700 hover:underline dark:text-brand-300">
              {run.runId}
            </Link>
            <StateBadge state={run.state} />
          </span>
        ) : (
          <span className="text-xs text-slate-500 dark:text-slate-400">no runs yet</span>
        )}
        {recent.runs.length > 1 ? (
          <nav aria-label="Show the states of another run" className="flex flex-wrap items-center gap-1">
            {recent.runs.map((r, i) => (
              <Link
                key={r.runId}
                href={`?run=${encodeURIComponent(r.runId)}`}
                aria-current={i === index ? "true" : undefined}
                title={`${r.runId}: ${stateLabel(r.state)}`}
                aria-label={`Show run ${r.runId} (${stateLabel(r.state)})`}
                className={`h-3 w-3 rounded-sm ring-offset-1 dark:ring-offset-slate-950 ${i === index ? "ring-2 ring-brand-500" : ""}`}
                style={{ background: fillOf(r.state) }}
              />
            ))}
          </nav>
        ) : null}
        <span className="ml-auto">
          <AutoRefresh active={active} />
        </span>
      </div>
      <StateLegend />
      <DagGraphView layoutKey={view.version} tasks={tasks} groups={spec.task_groups ?? []} states={states} runHref={run ? `${base}/runs/${encodeURIComponent(run.runId)}` : null} />
    </section>
  );
}
