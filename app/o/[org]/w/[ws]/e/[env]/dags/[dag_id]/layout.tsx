// One DAG: its header (id, paused toggle, schedule, actions) and its sections.
import Link from "next/link";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { ButtonLink } from "@/app/_components/button";
import { PauseToggle } from "../_components/pause-toggle";
import { DagTabs } from "./dag-tabs";
import { DeleteDagButton } from "./delete-dag-button";
import { envScopeOf, loadDag, type DagRouteParams } from "./load-dag";

export default async function DagLayout({ children, params }: { children: React.ReactNode; params: Promise<DagRouteParams> }) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, scope, dagsBase, base } = await loadDag(gate, routeParams.dag_id);
  const canTrigger = roleAtLeast(access.role, "operator");
  const canEdit = roleAtLeast(access.role, "editor");
  return (
    <>
      <div className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
        <div className="mx-auto w-full max-w-6xl px-4 pt-6 sm:px-6">
          <nav aria-label="Breadcrumb" className="text-sm text-slate-500 dark:text-slate-400">
            <Link href={dagsBase} className="hover:text-slate-800 hover:underline dark:hover:text-slate-200">
              DAGs
            </Link>{" "}
            / <span className="font-mono">{view.dag_id}</span>
          </nav>
          <div className="mt-2 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <div className="flex items-center gap-3">
                <PauseToggle key={String(view.is_paused)} scope={scope} dagId={view.dag_id} isPaused={view.is_paused} canPause={canTrigger} size="md" />
                <h1 className="truncate font-mono text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{view.dag_id}</h1>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${view.is_paused ? "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300" : "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300"}`}>
                  {view.is_paused ? "Paused" : "Active"}
                </span>
              </div>
              {view.description ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{view.description}</p> : null}
              <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
                <span>
                  <span className="font-medium text-slate-700 dark:text-slate-300">{view.timetable_summary}</span>
                  {view.schedule ? <code className="ml-1.5 font-mono">{view.schedule}</code> : null}
                </span>
                <span aria-hidden="true">·</span>
                <span>
                  v{view.version_number} <code className="font-mono">{view.version.slice(0, 8)}</code>
                </span>
                {view.tags.map((t) => (
                  <span key={t} className="rounded-full bg-slate-100 px-2 py-0.5 text-[11px] font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                    {t}
                  </span>
                ))}
              </p>
            </div>
            <div className="flex flex-none items-center gap-2">
              {canEdit ? <DeleteDagButton scope={scope} dagId={view.dag_id} dagsBase={dagsBase} /> : null}
              {canEdit ? (
                <ButtonLink variant="secondary" href={`${dagsBase}/deploy?from=${encodeURIComponent(view.dag_id)}`}>
                  Edit
                </ButtonLink>
              ) : null}
              {canEdit ? (
                <ButtonLink variant="secondary" href={`${base}/promote`}>
                  Promote
                </ButtonLink>
              ) : null}
              {canTrigger ? (
                <ButtonLink href={`${base}/trigger`}>
                  <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
                    <path d="M6.3 2.84A1.5 1.5 0 0 0 4 4.11v11.78a1.5 1.5 0 0 0 2.3 1.27l9.344-5.891a1.5 1.5 0 0 0 0-2.538L6.3 2.841Z" />
                  </svg>
                  Trigger
                </ButtonLink>
              ) : null}
            </div>
          </div>
          <DagTabs base={base} canTrigger={canTrigger} />
        </div>
      </div>
      <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6">{children}</main>
    </>
  );
}
