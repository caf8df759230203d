// Trigger a run of the DAG with typed params (operators and above).
import type { Metadata } from "next";
import { pageAccess } from "@/lib/server/authz";
import { TriggerForm } from "./trigger-form";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";

export const metadata: Metadata = { title: "Trigger" };

export default async function TriggerDagPage({ params }: { params: Promise<DagRouteParams> }) {
  const routeParams = await params;
  const gate = await pageAccess("dag.trigger", envScopeOf(routeParams));
  const { view, scope, base } = await loadDag(gate, routeParams.dag_id);
  return (
    <div className="max-w-2xl rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
      <h2 className="text-base font-semibold text-slate-900 dark:text-white">Trigger {view.dag_id}</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Starts a manual run of version {view.version_number} now. Values are checked against each param before the run is created.</p>
      <div className="mt-6">
        <TriggerForm scope={scope} dagId={view.dag_id} params={view.params} runBase={`${base}/runs`} isPaused={view.is_paused} />
      </div>
    </div>
  );
}
