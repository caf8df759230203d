// The Durations tab (Airflow's Task Duration): how long each task took over the DAG's last
// runs, as a line per task (a task filter beside it) or as a table.
import type { Metadata } from "next";
import Link from "next/link";
import { pageAccess } from "@/lib/server/authz";
import { DURATION_RUNS_DEFAULT, DURATION_RUNS_MAX, readTaskDurations } from "@/lib/server/services/dags/read-task-durations";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";
import { DurationsChart } from "./durations-chart";

export const metadata: Metadata = { title: "Durations" };

type Props = { params: Promise<DagRouteParams>; searchParams: Promise<{ runs?: string }> };
const CHOICES = [10, 25, 50, 100];

export default async function DagDurationsPage({ params, searchParams }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view } = await loadDag(gate, routeParams.dag_id);
  const limit = Math.min(DURATION_RUNS_MAX, Math.max(1, Math.trunc(Number((await searchParams).runs)) || DURATION_RUNS_DEFAULT));
  const data = await readTaskDurations(access, view.dag_id, limit);
  return (
    <section aria-labelledby="durations-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="durations-title" className="text-sm font-semibold text-slate-900 dark:text-white">
          Task durations <span className="font-normal text-slate-500 dark:text-slate-400">· last {data.runs.length} run{data.runs.length === 1 ? "" : "s"}</span>
        </h2>
        <nav aria-label="Number of runs" className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5 text-xs shadow-sm dark:border-slate-700 dark:bg-slate-900">
          {CHOICES.map((n) => (
            <Link
              key={n}
              href={`?runs=${n}`}
              aria-current={n === limit ? "page" : undefined}
              className={`rounded-md px-2.5 py-1 font-medium ${n === limit ? "bg-slate-900 text-white dark:bg-white dark:text-slate-900" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
            >
              {n} runs
            </Link>
          ))}
        </nav>
      </div>
      {data.runs.length && data.tasks.some((t) => t.durations.some((d) => d !== null)) ? (
        <DurationsChart runs={data.runs} tasks={data.tasks} />
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          No finished task yet: durations appear once a run’s tasks have run.
        </p>
      )}
    </section>
  );
}
