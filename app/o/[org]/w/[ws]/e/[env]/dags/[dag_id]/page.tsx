// A DAG's overview: schedule (words, cron, next runs), params, tasks and the latest runs.
import type { Metadata } from "next";
import { pageAccess } from "@/lib/server/authz";
import Link from "next/link";
import { orderParams } from "@/lib/domain/dag/param-order";
import { upcomingDagRuns } from "@/lib/server/services/dags/get-dag";
import { getDagVersionFile } from "@/lib/server/services/dags/list-dag-versions";
import { listRecentDagRuns } from "@/lib/server/services/dags/read-dag-runs";
import { AutoRefresh } from "../_components/auto-refresh";
import { formatDate, formatDuration, relative } from "../_components/format";
import { ACTIVE_STATES, StateBadge } from "../_components/run-state";
import { envScopeOf, loadDag, type DagRouteParams } from "./load-dag";
import { routeParamText } from "@/app/_lib/route-param";

type Props = { params: Promise<DagRouteParams>; searchParams: Promise<{ deployed?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: routeParamText((await params).dag_id) };
}

export default async function DagOverviewPage({ params, searchParams }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, spec, base } = await loadDag(gate, routeParams.dag_id);
  const { deployed } = await searchParams;
  const now = Date.now();
  const upcoming = await upcomingDagRuns(access, spec, 5, now);
  // Airflow 3's trigger timetables have no data interval by default: no empty column then.
  const hasIntervals = upcoming.some((r) => r.data_interval_start !== r.data_interval_end);
  const { runs, total } = await listRecentDagRuns(access, view.dag_id, { limit: 5, offset: 0 });
  const active = runs.some((r) => ACTIVE_STATES.has(r.state));
  const params_ = orderParams(view.params, Object.keys(view.params).length ? (await getDagVersionFile(access, view.dag_id, String(view.version_number))).raw_file : null);
  return (
    <div className="space-y-6">
      {deployed ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-200">
          {deployed === "unchanged" ? "Nothing to deploy: this spec is already the current version." : `Deployed version ${view.version_number} (${view.version.slice(0, 12)}).`}
          {view.is_paused ? " The DAG is paused: switch it on to let the scheduler run it." : ""}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Schedule" className="lg:col-span-2">
          <p className="text-base font-medium text-slate-900 dark:text-white">{view.timetable_summary}</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{view.timetable_description}</p>
          <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
            <Fact label="Expression">{view.schedule ? <code className="font-mono">{view.schedule}</code> : "none"}</Fact>
            <Fact label="Timezone">{view.timezone}</Fact>
            <Fact label="Catchup">{view.catchup ? "on" : "off"}</Fact>
            <Fact label="Start date">{view.start_date ? formatDate(view.start_date) : "—"}</Fact>
          </dl>
          <h3 className="mt-5 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Next runs</h3>
          {upcoming.length ? (
            <table className="mt-2 w-full text-sm">
              <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-4 font-medium">
                    Runs at
                  </th>
                  {hasIntervals ? (
                    <th scope="col" className="py-1 pr-4 font-medium">
                      Data interval
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {upcoming.map((r, i) => (
                  <tr key={r.run_after}>
                    <td className="py-1.5 pr-4 text-slate-800 dark:text-slate-200">
                      {formatDate(r.run_after)}
                      {i === 0 ? (
                        <span className="ml-2 text-xs text-slate-500">{view.is_paused ? "(paused)" : Date.parse(r.run_after) <= now ? "due now" : relative(r.run_after, now)}</span>
                      ) : null}
                    </td>
                    {hasIntervals ? (
                      <td className="py-1.5 pr-4 text-xs text-slate-500 dark:text-slate-400">
                        {r.data_interval_start === r.data_interval_end ? "—" : `${formatDate(r.data_interval_start)} → ${formatDate(r.data_interval_end)}`}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">No run will be scheduled. Trigger it by hand or through the API.</p>
          )}
        </Card>
        <Card title="Params">
          {params_.length ? (
            <dl className="space-y-3 text-sm">
              {params_.map(([name, p]) => (
                <div key={name}>
                  <dt className="flex items-baseline gap-2">
                    <span className="font-mono font-medium text-slate-900 dark:text-white">{name}</span>
                    <span className="text-xs text-slate-500">{Array.isArray(p.type) ? p.type.join(" | ") : (p.type ?? typeof p.default)}</span>
                  </dt>
                  <dd className="text-xs text-slate-600 dark:text-slate-400">
                    {p.description ? <span className="block">{p.description}</span> : null}
                    default <code className="font-mono">{JSON.stringify(p.default)}</code>
                    {p.enum ? <span className="block">one of {p.enum.map((e) => JSON.stringify(e)).join(", ")}</span> : null}
                    {p.minimum !== undefined || p.maximum !== undefined ? (
                      <span className="block">
                        {p.minimum !== undefined && p.maximum !== undefined ? `from ${p.minimum} to ${p.maximum}` : p.minimum !== undefined ? `at least ${p.minimum}` : `at most ${p.maximum}`}
                      </span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-sm text-slate-500 dark:text-slate-400">This DAG takes no params. Runs can still carry a conf JSON.</p>
          )}
        </Card>
      </div>

      <Card
        title="Latest runs"
        aside={
          <span className="flex items-center gap-3">
            <AutoRefresh active={active} />
            {total > 5 ? (
              <Link href={`${base}/runs`} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
                All {total} runs
              </Link>
            ) : null}
          </span>
        }
      >
        {runs.length ? (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {runs.map((r) => (
              <li key={r.runId} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm">
                <StateBadge state={r.state} />
                <Link href={`${base}/runs/${encodeURIComponent(r.runId)}`} className="break-all font-mono text-[13px] text-brand-700 hover:underline dark:text-brand-300">
                  {r.runId}
                </Link>
                <span className="text-xs text-slate-500 dark:text-slate-400">{r.runType}</span>
                <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
                  {relative(r.runAfter, now)} · {formatDuration(r.startDate, r.endDate, now)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">No runs yet.</p>
        )}
      </Card>

      <Card title={`Tasks (${spec.tasks.length})`}>
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {spec.tasks.slice(0, 60).map((t) => (
            <li key={t.task_id} className="rounded-lg border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
              <span className="font-mono font-medium text-slate-900 dark:text-white">{t.task_id}</span>
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">{t.operator}</span>
              {t.upstream.length ? <span className="mt-0.5 block truncate text-xs text-slate-500 dark:text-slate-400">after {t.upstream.join(", ")}</span> : null}
            </li>
          ))}
        </ul>
        {spec.tasks.length > 60 ? <p className="mt-2 text-xs text-slate-500">and {spec.tasks.length - 60} more</p> : null}
      </Card>
    </div>
  );
}

function Card({ title, children, className = "", aside }: { title: string; children: React.ReactNode; className?: string; aside?: React.ReactNode }) {
  return (
    <section className={`rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900/60 ${className}`}>
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-900 dark:text-white">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}
