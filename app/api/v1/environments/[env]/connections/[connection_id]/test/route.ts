// `POST /api/v1/environments/{env}/connections/{connection_id}/test` (editor): a worker
// probes the saved connection and answers `{ status: ok|failed|unsupported, message,
// hint?, latency_ms, tested_at }`. Body (optional): `{"post_to_slack": true}` to send a
// real test message through a Slack webhook.
import { withAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { testConnection } from "@/lib/server/services/connections/test-connection";

type Params = { env: string; connection_id: string };

export const POST = withAccess("connection.write", (params: Params) => ({ environmentId: params.env }), async (request, access, params) => {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "The request body is not valid JSON. Send nothing, or {\"post_to_slack\": true}.");
    }
  }
  const postToSlack = !!body && typeof body === "object" && (body as { post_to_slack?: unknown }).post_to_slack === true;
  return Response.json(await testConnection(access, params.connection_id, { postToSlack }));
});
