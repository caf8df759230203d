// `GET /api/v1/environments/{env}/dags/{dag_id}/webhooks` (viewer): the DAG's webhook
// triggers, never their secrets. `POST` (editor): a new one, `{ "name", "enabled"? }`; 201
// with its `url` and `secret` (shown this once).
import { withAccess } from "@/lib/server/authz";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { parseListQuery } from "@/lib/server/services/connections/list-query";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { createWebhook } from "@/lib/server/services/webhooks/create-webhook";
import { listWebhooks } from "@/lib/server/services/webhooks/list-webhooks";

type Params = { env: string; dag_id: string };
const scope = (params: Params) => ({ environmentId: params.env });

export const GET = withAccess("webhook.read", scope, async (request, access, params) =>
  Response.json(await listWebhooks(access, params.dag_id, publicBaseUrl(request.headers), parseListQuery(new URL(request.url).searchParams))),
);

export const POST = withAccess("webhook.write", scope, async (request, access, params) =>
  Response.json(await createWebhook(access, params.dag_id, await readJsonObject(request), publicBaseUrl(request.headers)), { status: 201, headers: { "cache-control": "no-store" } }),
);
