// `DELETE …/webhooks/{webhook_id}`: its URL answers 404 from now on; runs it started stay.
import { mutate, type Access } from "../../authz";
import { requireWebhookRow } from "./webhook-store";

export async function deleteWebhook(access: Access<"webhook.write">, dagId: string, webhookId: string): Promise<void> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const row = await requireWebhookRow(scope, dagId, webhookId);
  await mutate(access, "webhook.delete", { type: "webhook", id: row.id }, async (tx, audit) => {
    audit.summary = { dag_id: row.dagId, name: row.name };
    await tx.webhook.deleteMany({ where: { id: row.id, ...scope } });
  });
}
