// The Runs tab: every run of the DAG, newest first, with state, type, dates and version;
// live while a run is active.
import type { Metadata } from "next";
import { pageAccess } from "@/lib/server/authz";
import Link from "next/link";
import { listRecentDagRuns } from "@/lib/server/services/dags/read-dag-runs";
import { AutoRefresh } from "../../_components/auto-refresh";
import { formatDate, formatDuration } from "../../_components/format";
import { ACTIVE_STATES, StateBadge } from "../../_components/run-state";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";

export const metadata: Metadata = { title: "Runs" };

const PAGE = 25;
/** Who started a manual run (Airflow 3's triggered_by), as the Runs tab says it. */
const TRIGGERED_BY: Record<string, string> = { ui: "from the UI", rest_api: "by the API", cli: "from the CLI", webhook: "by a webhook" };
type Props = { params: Promise<DagRouteParams>; searchParams: Promise<{ page?: string }> };

export default async function DagRunsPage({ params, searchParams }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, base } = await loadDag(gate, routeParams.dag_id);
  const pageNumber = Math.max(1, Number((await searchParams).page) || 1);
  const { runs, total } = await listRecentDagRuns(access, view.dag_id, { limit: PAGE, offset: (pageNumber - 1) * PAGE });
  const active = runs.some((r) => ACTIVE_STATES.has(r.state));
  const now = Date.now();
  const pages = Math.max(1, Math.ceil(total / PAGE));
  return (
    <section aria-labelledby="runs-title">
      <div className="flex items-center justify-between gap-3">
        <h2 id="runs-title" className="text-sm font-semibold text-slate-900 dark:text-white">
          {total} run{total === 1 ? "" : "s"}
        </h2>
        <AutoRefresh active={active} />
      </div>
      {runs.length ? (
        <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
          <table className="min-w-full text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2.5">State</th>
                <th scope="col" className="px-4 py-2.5">Run</th>
                <th scope="col" className="px-4 py-2.5">Logical date</th>
                <th scope="col" className="px-4 py-2.5">Started</th>
                <th scope="col" className="px-4 py-2.5">Duration</th>
                <th scope="col" className="px-4 py-2.5">Version</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {runs.map((r) => (
                <tr key={r.runId} className="hover:bg-slate-50/60 dark:hover:bg-slate-800/30">
                  <td className="whitespace-nowrap px-4 py-2.5">
                    <StateBadge state={r.state} />
                  </td>
                  <td className="px-4 py-2.5">
                    <Link href={`${base}/runs/${encodeURIComponent(r.runId)}`} className="font-mono text-[13px] text-brand-700 hover:underline dark:text-brand-300">
                      {r.runId}
                    </Link>
                    <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">
                      {r.runType}
                      {r.runType === "manual" && r.triggeredBy && TRIGGERED_BY[r.triggeredBy] ? ` · ${TRIGGERED_BY[r.triggeredBy]}` : ""}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2.5 text-slate-700 dark:text-slate-300">{formatDate(r.logicalDate)}</td>
                  <td className="whitespace-nowrap px-4 py-2.5 text-slate-700 dark:text-slate-300">{r.startDate ? formatDate(r.startDate, true) : r.state === "queued" ? "queued" : "—"}</td>
                  <td className="whitespace-nowrap px-4 py-2.5 text-slate-700 dark:text-slate-300">{formatDuration(r.startDate, r.endDate, now)}</td>
                  <td className="whitespace-nowrap px-4 py-2.5">
                    <Link href={`${base}/code?version=${r.versionNumber}`} className="text-xs text-slate-500 hover:underline dark:text-slate-400">
                      v{r.versionNumber}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-3 rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          No runs yet. {view.is_paused ? "Unpause the DAG to let the scheduler run it, or trigger it." : "Trigger it, or wait for its schedule."}
        </p>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-3 flex items-center justify-end gap-2 text-sm">
          {pageNumber > 1 ? <Link href={`?page=${pageNumber - 1}`} className="rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">Newer</Link> : null}
          <span className="text-slate-500">
            Page {pageNumber} of {pages}
          </span>
          {pageNumber < pages ? <Link href={`?page=${pageNumber + 1}`} className="rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">Older</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
