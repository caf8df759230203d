// One run: its facts (state, data interval, conf, version), its task instances with state
// and try number, and the log of the selected try (?task=<id>&try=<n>). Live while active.
import type { Metadata } from "next";
import { pageAccess } from "@/lib/server/authz";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors";
import { getDagRunDetail, readTryLog } from "@/lib/server/services/dags/read-dag-runs";
import { AutoRefresh } from "../../../_components/auto-refresh";
import { formatDate, formatDuration } from "../../../_components/format";
import { ACTIVE_STATES, StateBadge } from "../../../_components/run-state";
import { envScopeOf, loadDag, type DagRouteParams } from "../../load-dag";
import { RunGantt } from "./gantt";
import { RunOperations } from "./run-operations";
import { roleAtLeast } from "@/lib/domain/authz";
import { tryBudgetText } from "@/lib/domain/run/try-budget";
import { routeParam, routeParamText } from "@/app/_lib/route-param";

type Props = { params: Promise<DagRouteParams & { run_id: string }>; searchParams: Promise<{ task?: string; try?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: routeParamText((await params).run_id) };
}

export default async function DagRunPage({ params, searchParams }: Props) {
  const p = await params;
  const routeParams = p;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, base } = await loadDag(gate, routeParams.dag_id);
  const runId = routeParam(p.run_id);
  const search = await searchParams;
  let detail;
  try {
    detail = await getDagRunDetail(access, view.dag_id, runId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const { run, tasks } = detail;
  const now = Date.now();
  const active = ACTIVE_STATES.has(run.state) || tasks.some((t) => ACTIVE_STATES.has(t.state));
  const runHref = `${base}/runs/${encodeURIComponent(runId)}`;
  const selectedTask = search.task ? tasks.find((t) => t.taskId === search.task) : undefined;
  const selectedTry = selectedTask ? Number(search.try) || selectedTask.tryNumber || selectedTask.tries.at(-1)?.tryNumber || 0 : 0;
  const log = selectedTask && selectedTry > 0 ? await readTryLog(access, view.dag_id, runId, selectedTask.taskId, selectedTry) : null;
  const confEntries = Object.keys(run.conf).length;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
        <Link href={`${base}/runs`} className="hover:underline">
          Runs
        </Link>{" "}
        / <span className="break-all font-mono">{runId}</span>
      </nav>
      <section aria-labelledby="run-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="run-title" className="min-w-0 break-all font-mono text-base font-semibold text-slate-900 dark:text-white">
            {runId}
          </h2>
          <StateBadge state={run.state} />
          <span className="ml-auto">
            <AutoRefresh active={active} />
          </span>
        </div>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="Run type">{run.runType}</Fact>
          <Fact label="Logical date">{formatDate(run.logicalDate)}</Fact>
          <Fact label="Data interval">
            {run.dataIntervalStart === run.dataIntervalEnd ? "none (a point in time)" : `${formatDate(run.dataIntervalStart)} → ${formatDate(run.dataIntervalEnd)}`}
          </Fact>
          <Fact label="Started">{formatDate(run.startDate, true)}</Fact>
          <Fact label="Duration">{formatDuration(run.startDate, run.endDate, now)}</Fact>
          <Fact label="Version">
            <Link href={`${base}/code?version=${run.versionNumber}`} className="hover:underline">
              v{run.versionNumber} <code className="font-mono text-xs">{run.version.slice(0, 8)}</code>
            </Link>
          </Fact>
        </dl>
        {confEntries ? (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer font-medium text-slate-700 dark:text-slate-300">conf ({confEntries} key{confEntries === 1 ? "" : "s"})</summary>
            <pre className="mt-2 overflow-x-auto rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800 dark:bg-slate-900 dark:text-slate-200">{JSON.stringify(run.conf, null, 2)}</pre>
          </details>
        ) : null}
      </section>

      {roleAtLeast(access.role, "operator") ? (
        <RunOperations scope={envScopeOf(routeParams)} dagId={view.dag_id} runId={runId} runState={run.state} tasks={tasks.map((t) => ({ taskId: t.taskId, state: t.state }))} selectedTaskId={selectedTask?.taskId} key={selectedTask?.taskId ?? ""} />
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <section aria-labelledby="tasks-title" className="min-w-0">
          <h2 id="tasks-title" className="text-sm font-semibold text-slate-900 dark:text-white">
            Task instances
          </h2>
          <ul className="mt-2 divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900/60">
            {tasks.map((t) => {
              const isSelected = selectedTask?.taskId === t.taskId;
              return (
                <li key={t.taskId} className={isSelected ? "bg-brand-50/50 dark:bg-brand-500/5" : ""}>
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm">
                    <StateBadge state={t.state} />
                    <Link href={`${runHref}/tasks/${encodeURIComponent(t.taskId)}`} title="Task instance: tries, log, XCom, rendered fields" className="font-mono font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-white dark:hover:text-brand-300">
                      {t.taskId}
                    </Link>
                    <span className="text-xs text-slate-500 dark:text-slate-400">{t.operator}</span>
                    <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
                      {tryBudgetText(t.state, t.tryNumber, t.maxTries)} · {formatDuration(t.startDate, t.endDate, now)}
                    </span>
                  </div>
                  {t.tries.length ? (
                    <div className="flex flex-wrap gap-1.5 px-4 pb-2.5">
                      {t.tries.map((tr) => {
                        const current = isSelected && tr.tryNumber === selectedTry;
                        return (
                          <Link
                            key={tr.tryNumber}
                            href={`${runHref}?task=${encodeURIComponent(t.taskId)}&try=${tr.tryNumber}`}
                            scroll={false}
                            aria-current={current ? "true" : undefined}
                            aria-label={`Log of ${t.taskId}, try ${tr.tryNumber} (${tr.state})`}
                            className={`inline-flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${
                              current ? "border-brand-500 bg-white text-brand-700 dark:bg-slate-900 dark:text-brand-300" : "border-slate-200 text-slate-600 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
                            }`}
                          >
                            Log · try {tr.tryNumber}
                            <span className="text-slate-400">{tr.state}</span>
                          </Link>
                        );
                      })}
                    </div>
                  ) : t.reason ? (
                    <p className="px-4 pb-2.5 text-xs text-slate-500 dark:text-slate-400">{t.reason}</p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>

        <section aria-labelledby="log-title" className="min-w-0">
          <h2 id="log-title" className="text-sm font-semibold text-slate-900 dark:text-white">
            {selectedTask ? (
              <>
                Log of <span className="font-mono">{selectedTask.taskId}</span>, try {selectedTry}
              </>
            ) : (
              "Log"
            )}
          </h2>
          <div className="mt-2 overflow-hidden rounded-xl border border-slate-800 bg-slate-950 shadow-sm">
            {selectedTask && log ? (
              <>
                <pre data-testid="task-log" className="max-h-[32rem] overflow-auto p-4 font-mono text-[12.5px] leading-5 text-slate-200">
                  {log.text || (ACTIVE_STATES.has(log.state) || log.state === "running" ? "Waiting for output…" : "(this try wrote nothing)")}
                </pre>
                {log.truncated ? <p className="border-t border-white/10 px-4 py-2 text-xs text-amber-300">The log reached its size limit and was cut.</p> : null}
                {selectedTask.tries.find((x) => x.tryNumber === selectedTry)?.error ? (
                  <p className="border-t border-white/10 px-4 py-2 text-xs text-red-300">Error: {selectedTask.tries.find((x) => x.tryNumber === selectedTry)?.error}</p>
                ) : null}
              </>
            ) : (
              <p className="p-4 text-sm text-slate-400">{selectedTask ? "This task has not run yet." : "Choose a try of a task to read its log."}</p>
            )}
          </div>
        </section>
      </div>

      <section aria-labelledby="gantt-title">
        <h2 id="gantt-title" className="mb-2 text-sm font-semibold text-slate-900 dark:text-white">
          Gantt
        </h2>
        <RunGantt tasks={tasks} now={now} runHref={runHref} />
      </section>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}
