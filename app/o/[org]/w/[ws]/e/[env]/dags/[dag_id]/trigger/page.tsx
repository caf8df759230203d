// Trigger a run of the DAG with typed params (operators and above).
import type { Metadata } from "next";
import { orderParams } from "@/lib/domain/dag/param-order";
import { pageAccess } from "@/lib/server/authz";
import { getDagVersionFile } from "@/lib/server/services/dags/list-dag-versions";
import { TriggerForm } from "./trigger-form";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";

export const metadata: Metadata = { title: "Trigger" };

export default async function TriggerDagPage({ params }: { params: Promise<DagRouteParams> }) {
  const routeParams = await params;
  const gate = await pageAccess("dag.trigger", envScopeOf(routeParams));
  const { view, scope, base } = await loadDag(gate, routeParams.dag_id);
  const file = await getDagVersionFile(gate, view.dag_id, String(view.version_number));
  const orderedParams = Object.fromEntries(orderParams(view.params, file.raw_file));
  return (
    <div className="max-w-2xl rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
      <h2 className="text-base font-semibold text-slate-900 dark:text-white">Trigger {view.dag_id}</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Starts a manual run of version {view.version_number} now. Values are checked against each param before the run is created.</p>
      <div className="mt-6">
        <TriggerForm scope={scope} dagId={view.dag_id} params={orderedParams} runBase={`${base}/runs`} isPaused={view.is_paused} />
      </div>
    </div>
  );
}
