// `POST …/webhooks/{webhook_id}/rotate`: a new secret, returned once. The old one stops
// working at once (no grace period): deliveries signed with it answer 401.
import { mutate, type Access } from "../../authz";
import { newWebhookSecret, requireWebhookRow, sealWebhookSecret, webhookRowSelect, webhookView, type WebhookWithSecret } from "./webhook-store";

export async function rotateWebhookSecret(access: Access<"webhook.write">, dagId: string, webhookId: string, baseUrl: string): Promise<WebhookWithSecret> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const stored = await requireWebhookRow(scope, dagId, webhookId);
  const secret = newWebhookSecret();
  const sealed = await sealWebhookSecret(scope, stored.id, secret);
  const row = await mutate(access, "webhook.rotate", { type: "webhook", id: stored.id }, async (tx, audit) => {
    audit.summary = { dag_id: stored.dagId, name: stored.name };
    return tx.webhook.update({ where: { id: stored.id, ...scope }, data: { ...sealed, secretRotatedAt: new Date() }, select: webhookRowSelect });
  });
  return { ...webhookView(row, baseUrl), secret };
}
