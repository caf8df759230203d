// `POST /api/v1/webhooks/{webhook_id}`: the public end of a webhook trigger. No session or
// API token and no Origin check (senders are servers, not browsers): the
// `Windsock-Signature` header, an HMAC of the body with the webhook's secret, is the
// credential. 202 `{ dag_run_id, dag_id, state }`; 200 for a repeated Windsock-Delivery id.
import { publicRoute } from "@/lib/server/authz";
import { errorResponse } from "@/lib/server/errors";
import { requestContextFromHeaders } from "@/lib/server/request-context";
import { deliverWebhook } from "@/lib/server/services/webhooks/deliver-webhook";

export const dynamic = "force-dynamic";

type Params = { webhook_id: string };

export const POST = publicRoute("a webhook delivery: its HMAC signature with the webhook's secret is the credential", async (request: Request, context: { params: Promise<Params> }) => {
  const { requestId } = requestContextFromHeaders(request.headers);
  try {
    const { webhook_id } = await context.params;
    const answer = await deliverWebhook(request, webhook_id);
    return Response.json(answer.body, { status: answer.status, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, requestId);
  }
});
