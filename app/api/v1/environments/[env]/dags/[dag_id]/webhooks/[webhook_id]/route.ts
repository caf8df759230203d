// `GET /api/v1/environments/{env}/dags/{dag_id}/webhooks/{webhook_id}` (viewer), `PATCH`
// (editor; `name`, `enabled`), `DELETE` (editor). The secret is never shown here.
import { withAccess } from "@/lib/server/authz";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { deleteWebhook } from "@/lib/server/services/webhooks/delete-webhook";
import { getWebhook } from "@/lib/server/services/webhooks/get-webhook";
import { updateWebhook } from "@/lib/server/services/webhooks/update-webhook";

type Params = { env: string; dag_id: string; webhook_id: string };
const scope = (params: Params) => ({ environmentId: params.env });

export const GET = withAccess("webhook.read", scope, async (request, access, params) =>
  Response.json(await getWebhook(access, params.dag_id, params.webhook_id, publicBaseUrl(request.headers))),
);

export const PATCH = withAccess("webhook.write", scope, async (request, access, params) =>
  Response.json(await updateWebhook(access, params.dag_id, params.webhook_id, await readJsonObject(request), publicBaseUrl(request.headers))),
);

export const DELETE = withAccess("webhook.write", scope, async (_request, access, params) => {
  await deleteWebhook(access, params.dag_id, params.webhook_id);
  return new Response(null, { status: 204 });
});
