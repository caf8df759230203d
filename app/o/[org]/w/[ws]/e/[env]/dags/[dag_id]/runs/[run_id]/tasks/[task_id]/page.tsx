// One task instance of one run (Airflow's task instance view): state and try budget, its
// tries as tabs with each try's log (followed live while it runs, searchable), rendered
// template fields, the task's XCom, and the run engine's reason when it did not run.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { tryBudgetText } from "@/lib/domain/run/try-budget";
import { pageAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { getTaskInstanceDetail } from "@/lib/server/services/runs/get-task-instance-detail";
import { listXComEntries, type XComListEntry } from "@/lib/server/services/runs/list-xcom-entries";
import { AutoRefresh } from "../../../../../_components/auto-refresh";
import { formatDate, formatDuration } from "../../../../../_components/format";
import { ACTIVE_STATES, StateBadge } from "../../../../../_components/run-state";
import { envScopeOf, loadDag, type DagRouteParams } from "../../../../load-dag";
import { TryTabs } from "./try-tabs";
import { routeParam, routeParamText } from "@/app/_lib/route-param";

type Props = { params: Promise<DagRouteParams & { run_id: string; task_id: string }>; searchParams: Promise<{ try?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  return { title: `${routeParamText(p.task_id)} · ${routeParamText(p.run_id)}` };
}

/** Characters of one XCom value shown on the page (values are up to the XCom size limit). */
const XCOM_SHOWN_CHARS = 100_000;

export default async function TaskInstancePage({ params, searchParams }: Props) {
  const p = await params;
  const gate = await pageAccess("dag.read", envScopeOf(p));
  const { access, view, base } = await loadDag(gate, p.dag_id);
  const runId = routeParam(p.run_id);
  const taskId = routeParam(p.task_id);
  let detail;
  let xcoms: XComListEntry[];
  try {
    [detail, xcoms] = await Promise.all([getTaskInstanceDetail(access, view.dag_id, runId, taskId), listXComEntries(access, view.dag_id, runId, taskId)]);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const { task, tries, run, explanation } = detail;
  const wanted = Number((await searchParams).try);
  const initialTry = Number.isInteger(wanted) && tries.some((t) => t.tryNumber === wanted) ? wanted : null;
  const now = Date.now();
  const active = ACTIVE_STATES.has(task.state) || ACTIVE_STATES.has(run.state);
  const runHref = `${base}/runs/${encodeURIComponent(runId)}`;
  const gridHref = `${base}/grid?task=${encodeURIComponent(taskId)}&run=${encodeURIComponent(runId)}`;
  const logBase = `/api/v1/environments/${access.environment.id}/dags/${encodeURIComponent(view.dag_id)}/dagRuns/${encodeURIComponent(runId)}/taskInstances/${encodeURIComponent(taskId)}/logs`;
  const logUrlOf = Object.fromEntries(tries.map((t) => [t.tryNumber, `${logBase}/${t.tryNumber}`]));
  const latest = tries.at(-1);
  const queuedMs = latest?.queuedAt ? Date.parse(latest.startDate) - Date.parse(latest.queuedAt) : null;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-x-1.5 text-sm text-slate-500 dark:text-slate-400">
        <Link href={`${base}/runs`} className="hover:underline">
          Runs
        </Link>
        <span aria-hidden="true">/</span>
        <Link href={runHref} className="break-all font-mono hover:underline">
          {runId}
        </Link>
        <span aria-hidden="true">/</span>
        <span aria-current="page" className="break-all font-mono text-slate-700 dark:text-slate-300">
          {taskId}
        </span>
      </nav>

      <section aria-labelledby="task-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="task-title" className="min-w-0 break-all font-mono text-lg font-semibold text-slate-900 dark:text-white">
            {taskId}
          </h2>
          <span className="rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">{task.operator}</span>
          <StateBadge state={task.state} />
          <span data-testid="try-budget" className="text-sm text-slate-600 dark:text-slate-300">
            {tryBudgetText(task.state, task.tryNumber, task.maxTries)}
          </span>
          <span className="ml-auto flex items-center gap-3">
            <AutoRefresh active={active} />
            <Link
              href={gridHref}
              className="inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
            >
              <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 fill-current">
                <path d="M2 2h3v3H2V2Zm4.5 0h3v3h-3V2ZM11 2h3v3h-3V2ZM2 6.5h3v3H2v-3Zm4.5 0h3v3h-3v-3Zm4.5 0h3v3h-3v-3ZM2 11h3v3H2v-3Zm4.5 0h3v3h-3v-3Zm4.5 0h3v3h-3v-3Z" />
              </svg>
              View in Grid
            </Link>
          </span>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <Fact label="Run">
            <Link href={runHref} className="inline-flex items-center gap-1.5 hover:underline">
              <StateBadge state={run.state} />
            </Link>
          </Fact>
          <Fact label="Trigger rule">
            <code className="font-mono text-xs">{task.triggerRule ?? "—"}</code>
          </Fact>
          <Fact label="Started">{formatDate(task.startDate, true)}</Fact>
          <Fact label="Ended">{formatDate(task.endDate, true)}</Fact>
          <Fact label="Duration">{formatDuration(task.startDate, task.endDate, now)}</Fact>
          <Fact label="Queued / running (latest try)">
            {latest ? (
              <>
                {queuedMs === null ? "—" : formatDuration(new Date(0).toISOString(), new Date(Math.max(0, queuedMs)).toISOString())}
                <span className="text-slate-400"> / </span>
                {formatDuration(latest.startDate, latest.endDate, now)}
              </>
            ) : (
              "—"
            )}
          </Fact>
        </dl>
        {task.upstream.length ? (
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
            Upstream:{" "}
            {task.upstream.map((u, i) => (
              <span key={u}>
                {i ? ", " : ""}
                <Link href={`${runHref}/tasks/${encodeURIComponent(u)}`} className="font-mono hover:underline">
                  {u}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
      </section>

      {explanation ? (
        <section aria-labelledby="why-title" data-testid="task-explanation" className="rounded-xl border border-amber-200 bg-amber-50 px-5 py-4 dark:border-amber-400/20 dark:bg-amber-400/5">
          <h2 id="why-title" className="text-sm font-semibold text-amber-900 dark:text-amber-200">
            {task.state === "up_for_retry" || task.state === "up_for_reschedule" ? "Why is it waiting?" : "Why didn’t this task run?"}
          </h2>
          <p className="mt-1 text-sm text-amber-900/90 dark:text-amber-100/90">{explanation}</p>
          {task.nextTryAt ? <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">Next try at {formatDate(task.nextTryAt, true)}.</p> : null}
        </section>
      ) : null}

      {tries.length ? (
        <TryTabs tries={tries} initialTry={initialTry} logUrlOf={logUrlOf} taskId={taskId} now={now} />
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 px-5 py-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">This task has not run in this run, so it has no tries and no log.</p>
      )}

      <section aria-labelledby="xcom-title" className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
        <div className="flex items-baseline justify-between gap-3 border-b border-slate-100 px-4 py-2.5 dark:border-slate-800">
          <h2 id="xcom-title" className="text-sm font-semibold text-slate-900 dark:text-white">
            XCom
          </h2>
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {xcoms.length} value{xcoms.length === 1 ? "" : "s"} pushed by this task instance
          </span>
        </div>
        {xcoms.length ? (
          <ul data-testid="xcom-list" className="divide-y divide-slate-100 dark:divide-slate-800">
            {xcoms.map((x) => {
              const text = JSON.stringify(x.value, null, 2) ?? "null";
              return (
                <li key={x.key} className="grid gap-1 px-4 py-3 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
                  <div className="min-w-0">
                    <p className="break-all font-mono text-xs font-medium text-slate-800 dark:text-slate-200">{x.key}</p>
                    <p className="mt-0.5 text-[11px] text-slate-500 dark:text-slate-400">
                      {formatBytes(x.sizeBytes)} · {formatDate(x.timestamp, true)}
                    </p>
                  </div>
                  <pre className="max-h-72 min-w-0 overflow-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200">
                    {text.length > XCOM_SHOWN_CHARS ? `${text.slice(0, XCOM_SHOWN_CHARS)}\n… (${text.length - XCOM_SHOWN_CHARS} more characters; read it whole through the REST API)` : text}
                  </pre>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">This task instance pushed no XCom.</p>
        )}
      </section>
    </div>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}
