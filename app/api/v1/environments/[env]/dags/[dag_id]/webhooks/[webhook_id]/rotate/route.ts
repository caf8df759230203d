// `POST /api/v1/environments/{env}/dags/{dag_id}/webhooks/{webhook_id}/rotate` (editor): a
// new secret, returned this once; the old one is refused from now on.
import { withAccess } from "@/lib/server/authz";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { rotateWebhookSecret } from "@/lib/server/services/webhooks/rotate-webhook-secret";

type Params = { env: string; dag_id: string; webhook_id: string };

export const POST = withAccess(
  "webhook.write",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) =>
    Response.json(await rotateWebhookSecret(access, params.dag_id, params.webhook_id, publicBaseUrl(request.headers)), { headers: { "cache-control": "no-store" } }),
);
