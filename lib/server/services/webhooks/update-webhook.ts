// `PATCH …/webhooks/{webhook_id}`: rename, enable or disable. A disabled webhook answers
// its deliveries 404 until it is enabled again; its secret stays the same.
import { mutate, type Access } from "../../authz";
import { parsePatchWebhook } from "./webhook-input";
import { requireWebhookRow, webhookRowSelect, webhookView, type WebhookView } from "./webhook-store";

export async function updateWebhook(access: Access<"webhook.write">, dagId: string, webhookId: string, body: Record<string, unknown>, baseUrl: string): Promise<WebhookView> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const stored = await requireWebhookRow(scope, dagId, webhookId);
  const patch = parsePatchWebhook(body);
  const row = await mutate(access, "webhook.update", { type: "webhook", id: stored.id }, async (tx, audit) => {
    audit.summary = {
      dag_id: stored.dagId,
      changed: [...(patch.name !== undefined && patch.name !== stored.name ? ["name"] : []), ...(patch.enabled !== undefined && patch.enabled !== stored.enabled ? ["enabled"] : [])],
      name: patch.name ?? stored.name,
      enabled: patch.enabled ?? stored.enabled,
    };
    return tx.webhook.update({ where: { id: stored.id, ...scope }, data: patch, select: webhookRowSelect });
  });
  return webhookView(row, baseUrl);
}
