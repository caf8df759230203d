// `POST /api/v1/environments/{env}/dags/{dag_id}/webhooks/{webhook_id}/rotate` (editor): a
// new secret, returned this once. Body (optional): `{ "expire_previous_in_hours": 0-168 }`;
// 0, the default, refuses the old secret from now on.
import { withAccess } from "@/lib/server/authz";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { parseRotateWebhook, rotateWebhookSecret } from "@/lib/server/services/webhooks/rotate-webhook-secret";

type Params = { env: string; dag_id: string; webhook_id: string };

export const POST = withAccess(
  "webhook.write",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) => {
    const hasBody = (await request.clone().text()).trim() !== "";
    const { graceHours } = parseRotateWebhook(hasBody ? await readJsonObject(request) : {});
    const rotated = await rotateWebhookSecret(access, params.dag_id, params.webhook_id, publicBaseUrl(request.headers), graceHours);
    return Response.json(rotated, { headers: { "cache-control": "no-store" } });
  },
);
