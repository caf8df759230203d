// Webhook triggers: their management under a DAG, and the public delivery endpoint, whose
// credential is a signature over the body (docs/webhooks.md), not a session or token.
import { DELIVERY_HEADER, SIGNATURE_HEADER, STANDARD_ID_HEADER, STANDARD_SIGNATURE_HEADER, STANDARD_TIMESTAMP_HEADER } from "../../domain/webhooks/signature";
import { GATED, GATED_WITH_BODY, operation } from "./operation";
import { ENV } from "./paths-dags";

const tags = ["Webhook"];
const header = (name: string, description: string) => ({ name, in: "header", required: false, description, schema: { type: "string" } });
const noStore = { "cache-control": { description: "no-store: the secret is in this answer.", schema: { type: "string" } } };

export const webhookPaths = {
  [`${ENV}/dags/{dag_id}/webhooks`]: {
    get: operation({
      operationId: "get_webhooks",
      summary: "List a DAG's webhooks",
      description: "Viewer. Never their secrets.",
      tags,
      parameters: ["env", "dag_id", "limit", "offset"],
      ok: { 200: "WebhookCollection" },
      errors: [...GATED, "unprocessable"],
    }),
    post: operation({
      operationId: "post_webhook",
      summary: "Create a webhook",
      description: "Editor. The answer holds its url and secret, shown this once.",
      tags,
      parameters: ["env", "dag_id"],
      body: "WebhookRequest",
      ok: { 201: { description: "The webhook with its secret.", headers: noStore, content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookWithSecret" } } } } },
      errors: GATED_WITH_BODY,
    }),
  },
  [`${ENV}/dags/{dag_id}/webhooks/{webhook_id}`]: {
    get: operation({ operationId: "get_webhook", summary: "Get a webhook", description: "Viewer. Never its secret.", tags, parameters: ["env", "dag_id", "webhook_id"], ok: { 200: "Webhook" }, errors: GATED }),
    patch: operation({
      operationId: "patch_webhook",
      summary: "Rename, enable or disable a webhook",
      description: "Editor. A disabled webhook answers 404 to deliveries.",
      tags,
      parameters: ["env", "dag_id", "webhook_id"],
      body: "WebhookPatch",
      ok: { 200: "Webhook" },
      errors: GATED_WITH_BODY,
    }),
    delete: operation({ operationId: "delete_webhook", summary: "Delete a webhook", description: "Editor.", tags, parameters: ["env", "dag_id", "webhook_id"], ok: { 204: null }, errors: GATED }),
  },
  [`${ENV}/dags/{dag_id}/webhooks/{webhook_id}/rotate`]: {
    post: operation({
      operationId: "rotate_webhook_secret",
      summary: "Rotate a webhook's secret",
      description: "Editor. A new secret, returned this once; the old one is refused from now on unless expire_previous_in_hours keeps it a while. The body is optional.",
      tags,
      parameters: ["env", "dag_id", "webhook_id"],
      body: "RotateWebhookRequest",
      bodyRequired: false,
      ok: { 200: { description: "The webhook with its new secret.", headers: noStore, content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookWithSecret" } } } } },
      errors: GATED_WITH_BODY,
    }),
  },
  "/api/v1/webhooks/{webhook_id}": {
    post: operation({
      operationId: "deliver_webhook",
      summary: "Deliver a webhook (starts a run)",
      description: [
        "Public: no session or API token. The signature is the credential, in one of two schemes (docs/webhooks.md):",
        `- Windsock: \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>\`, optional \`${DELIVERY_HEADER}\` id.`,
        `- Standard Webhooks: \`${STANDARD_ID_HEADER}\`, \`${STANDARD_TIMESTAMP_HEADER}\`, \`${STANDARD_SIGNATURE_HEADER}: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>\`.`,
        "A signature more than 5 minutes off is refused. The body (at most 1 MiB) becomes the run's conf. A delivery id that already started a run answers 200 with that run.",
      ].join("\n"),
      tags,
      extraParameters: [
        { name: "webhook_id", in: "path", required: true, description: "The webhook's id, from its url.", schema: { type: "string" } },
        header(SIGNATURE_HEADER, "Windsock scheme: t=<unix seconds>,v1=<hex HMAC-SHA256>; several v1= values may be sent while switching secrets."),
        header(DELIVERY_HEADER, "Windsock scheme: a delivery id; a repeat starts no second run."),
        header(STANDARD_ID_HEADER, "Standard Webhooks: the message id (the delivery id); required with webhook-signature."),
        header(STANDARD_TIMESTAMP_HEADER, "Standard Webhooks: unix seconds."),
        header(STANDARD_SIGNATURE_HEADER, "Standard Webhooks: space-separated v1,<base64 signature> values."),
      ],
      body: "WebhookDelivery",
      ok: {
        202: { description: "A run was started (or queued).", content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookDeliveryAnswer" } } } },
        200: { description: "This delivery id already started a run: the same run, nothing new started.", content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookDeliveryAnswer" } } } },
      },
      errors: ["bad_request", "unauthenticated", "not_found", "conflict", "payload_too_large", "unprocessable"],
      security: [],
    }),
  },
};
