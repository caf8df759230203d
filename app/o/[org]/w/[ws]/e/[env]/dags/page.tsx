// The DAGs of one environment: the list (schedule in words and cron, paused toggle, last
// and next run, tags, search), or, before the first deploy, what a DAG is and how to get one here.
import type { Metadata } from "next";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listDagsOverview } from "@/lib/server/services/dags/list-dags-overview";
import { ButtonLink } from "@/app/_components/button";
import { isProduction } from "@/app/_components/env-badge";
import { PageHeader } from "@/app/_components/page-header";
import { AutoRefresh } from "./_components/auto-refresh";
import { DagTable } from "./dag-table";

export const metadata: Metadata = { title: "DAGs" };

type Props = { params: Promise<{ org: string; ws: string; env: string }> };

// Checked with `npx windsock dags validate`: keep it valid when the format changes.
const EXAMPLE = `dag_id: daily_report
schedule: "@daily"
start_date: "2024-01-01T00:00:00Z"
catchup: false
tasks:
  - task_id: extract
    operator: http
    endpoint: https://api.example.com/orders?day={{ ds }}
  - task_id: summarize
    operator: script
    upstream: [extract]
    code: |
      export default async (ctx) => {
        const orders = await ctx.xcom.pull("extract");
        return { count: orders.length };
      };`;

export default async function DagsPage({ params }: Props) {
  const { org, ws, env } = await params;
  const access = await pageAccess("dag.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const envSlug = access.environment.slug;
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug };
  const base = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${envSlug}/dags`;
  const canDeploy = roleAtLeast(access.role, "editor");
  const dags = await listDagsOverview(access);
  const deployButton = canDeploy ? (
    <ButtonLink href={`${base}/deploy`}>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
        <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
      </svg>
      Deploy DAG
    </ButtonLink>
  ) : null;
  if (dags.length) {
    const active = dags.some((d) => d.recentRuns.some((r) => r.state === "running" || r.state === "queued"));
    const nowMs = Date.now();
    return (
      <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
        <PageHeader
          title="DAGs"
          description={
            <>
              {dags.length} pipeline{dags.length === 1 ? "" : "s"} deployed to {access.workspace.name} / {envSlug}. <AutoRefresh active={active} intervalMs={2000} />
            </>
          }
          actions={deployButton}
        />
        {/* No Suspense boundary: the page is dynamic, so the table renders with the first paint (React may reveal a boundary after load). */}
        <DagTable dags={dags} scope={scope} base={base} canPause={roleAtLeast(access.role, "operator")} nowMs={nowMs} />
      </main>
    );
  }
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader title="DAGs" description={`Pipelines deployed to ${access.workspace.name} / ${envSlug}.`} actions={deployButton} />
      <div className="mt-8 overflow-hidden rounded-2xl border border-dashed border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900/40">
        <div className="grid gap-10 p-6 sm:p-10 lg:grid-cols-[1fr_1.1fr]">
          <div>
            <div className="grid h-11 w-11 place-items-center rounded-xl bg-brand-50 text-brand-600 ring-1 ring-brand-600/10 dark:bg-brand-500/10 dark:text-brand-300 dark:ring-brand-400/20">
              <GraphIcon />
            </div>
            <h2 className="mt-5 text-lg font-semibold text-slate-900 dark:text-white">No DAGs in {envSlug} yet</h2>
            <p className="mt-2 text-sm leading-6 text-slate-600 dark:text-slate-400">
              A <strong className="font-semibold text-slate-800 dark:text-slate-200">DAG</strong> is a pipeline: tasks, the order they run in, and a
              schedule. Write one as a YAML file or with the TypeScript SDK, check it locally, then deploy it here. Each run follows Airflow&rsquo;s
              rules (data intervals, catchup, retries, trigger rules) and survives restarts.
            </p>
            <ol className="mt-6 space-y-4 text-sm">
              <Step n={1} title="Write a DAG file">
                Start from an example in <Code>examples/</Code>, or the reference in <Code>docs/dag-files.md</Code>.
              </Step>
              <Step n={2} title="Validate it on your machine">
                <Code block>npx windsock dags validate dags/*.yaml</Code>
                Errors name the file, line, column and field. <Code>npx windsock dags test</Code> runs it locally.
              </Step>
              <Step n={3} title={`Deploy to ${envSlug}`}>
                {canDeploy ? (
                  <span>
                    Paste or upload it in the{" "}
                    <a href={`${base}/deploy`} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
                      editor
                    </a>
                    , which validates as you type, or from your machine or CI:
                  </span>
                ) : (
                  <span>An editor of this environment deploys it from the editor, or from CI:</span>
                )}
                <Code block>{`npx windsock dags deploy dags/ --url $WINDSOCK_URL --env ${access.environment.id}`}</Code>
                <span className="text-slate-500 dark:text-slate-400">
                  with an editor API token in <code className="font-mono text-[12px]">WINDSOCK_TOKEN</code>. Unchanged DAGs are left alone, so CI can run it on every commit.
                </span>
                {isProduction(envSlug) ? (
                  <span className="mt-1 block text-slate-500 dark:text-slate-400">In production, promote a version tested in dev and stg instead.</span>
                ) : null}
              </Step>
            </ol>
          </div>
          <figure className="min-w-0 self-start overflow-hidden rounded-xl border border-slate-200 bg-slate-950 shadow-sm dark:border-slate-800">
            <figcaption className="flex items-center gap-2 border-b border-white/10 px-4 py-2.5 text-xs text-slate-400">
              <span className="h-2.5 w-2.5 rounded-full bg-slate-700" />
              <span className="h-2.5 w-2.5 rounded-full bg-slate-700" />
              <span className="h-2.5 w-2.5 rounded-full bg-slate-700" />
              <span className="ml-2 font-mono">dags/daily_report.yaml</span>
            </figcaption>
            <pre className="overflow-x-auto p-4 font-mono text-[13px] leading-6 text-slate-200">
              <code>{EXAMPLE}</code>
            </pre>
          </figure>
        </div>
      </div>
    </main>
  );
}

function Step({ n, title, children }: { n: number; title: string; children: React.ReactNode }) {
  return (
    <li className="flex gap-3">
      <span className="grid h-6 w-6 flex-none place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700 dark:bg-slate-800 dark:text-slate-200">
        {n}
      </span>
      <div className="min-w-0 flex-1 text-slate-600 dark:text-slate-400">
        <p className="font-medium text-slate-900 dark:text-white">{title}</p>
        <div className="mt-1">{children}</div>
      </div>
    </li>
  );
}

function Code({ children, block = false }: { children: React.ReactNode; block?: boolean }) {
  return block ? (
    <code className="my-1.5 block overflow-x-auto rounded-lg bg-slate-100 px-3 py-2 font-mono text-[13px] text-slate-800 dark:bg-slate-800 dark:text-slate-100">
      {children}
    </code>
  ) : (
    <code className="whitespace-nowrap rounded bg-slate-100 px-1 py-0.5 font-mono text-[12px] text-slate-800 dark:bg-slate-800 dark:text-slate-200">{children}</code>
  );
}

function GraphIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-6 w-6">
      <rect x="3" y="4" width="6" height="5" rx="1.2" />
      <rect x="15" y="4" width="6" height="5" rx="1.2" />
      <rect x="9" y="15" width="6" height="5" rx="1.2" />
      <path d="M6 9v2.5a1.5 1.5 0 0 0 1.5 1.5h9A1.5 1.5 0 0 0 18 11.5V9M12 13v2" strokeLinecap="round" />
    </svg>
  );
}
