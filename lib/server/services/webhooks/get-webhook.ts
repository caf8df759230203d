// `GET …/dags/{dag_id}/webhooks/{webhook_id}`: one webhook, without its secret.
import type { Access } from "../../authz";
import { requireWebhookRow, webhookView, type WebhookView } from "./webhook-store";

export async function getWebhook(access: Access<"webhook.read" | "webhook.write">, dagId: string, webhookId: string, baseUrl: string): Promise<WebhookView> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  return webhookView(await requireWebhookRow(scope, dagId, webhookId), baseUrl);
}
