// The Webhooks tab: the DAG's inbound webhook triggers with their URL, state and last
// delivery. Editors add one (its secret shown once, with signing examples), rotate its
// secret, disable or delete it; viewers see the list.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { listWebhooks } from "@/lib/server/services/webhooks/list-webhooks";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";
import { CreateWebhookForm, WebhooksTable } from "./webhooks-panel";

export const metadata: Metadata = { title: "Webhooks" };

type Props = { params: Promise<DagRouteParams> };

export default async function DagWebhooksPage({ params }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("webhook.read", envScopeOf(routeParams));
  const { access, view, scope } = await loadDag(gate, routeParams.dag_id);
  const { webhooks } = await listWebhooks(access, view.dag_id, publicBaseUrl(await headers()), { limit: 100, offset: 0 });
  const canEdit = roleAtLeast(access.role, "editor");
  return (
    <div className="space-y-6">
      <section aria-labelledby="webhooks-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
        <div className="px-5 py-5 sm:px-6">
          <h2 id="webhooks-title" className="text-base font-semibold text-slate-900 dark:text-white">
            Webhooks
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Let another system start a run of <code className="font-mono text-[13px]">{view.dag_id}</code>: it POSTs a JSON body, which becomes the run&apos;s conf, signed
            with the webhook&apos;s secret: the <a href="https://www.standardwebhooks.com/" className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">Standard Webhooks</a> headers
            (<code className="font-mono text-[13px]">webhook-id</code>, <code className="font-mono text-[13px]">webhook-signature</code>), or a{" "}
            <code className="font-mono text-[13px]">Windsock-Signature</code> header as Stripe signs. A delivery id (<code className="font-mono text-[13px]">webhook-id</code> or{" "}
            <code className="font-mono text-[13px]">Windsock-Delivery</code>) makes retries start one run.
            {view.is_paused ? " The DAG is paused: runs it starts wait, queued, until it is unpaused." : ""}
          </p>
          {canEdit ? (
            <div className="mt-5">
              <CreateWebhookForm scope={scope} dagId={view.dag_id} />
            </div>
          ) : null}
        </div>
        {webhooks.length === 0 ? (
          <p className="border-t border-slate-200 px-5 py-5 text-sm text-slate-600 sm:px-6 dark:border-slate-800 dark:text-slate-400">
            No webhooks yet.{canEdit ? " Add one above to trigger this DAG from GitHub, a CI job or any service that can send an HTTP request." : " An editor can add one."}
          </p>
        ) : (
          <WebhooksTable scope={scope} dagId={view.dag_id} webhooks={webhooks} canEdit={canEdit} />
        )}
      </section>
    </div>
  );
}
