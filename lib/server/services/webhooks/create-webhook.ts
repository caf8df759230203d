// `POST …/dags/{dag_id}/webhooks`: a new webhook trigger of a deployed DAG. Its secret is
// generated here, sealed before the row is written, and returned this once.
import { randomUUID } from "node:crypto";
import { mutate, type Access } from "../../authz";
import { findDagWithVersion } from "../dags/get-dag";
import { parseCreateWebhook } from "./webhook-input";
import { newWebhookSecret, sealWebhookSecret, webhookRowSelect, webhookView, type WebhookWithSecret } from "./webhook-store";

export async function createWebhook(access: Access<"webhook.write">, dagId: string, body: Record<string, unknown>, baseUrl: string): Promise<WebhookWithSecret> {
  const { dag } = await findDagWithVersion(access, dagId);
  const input = parseCreateWebhook(body);
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const id = randomUUID();
  const secret = newWebhookSecret();
  const sealed = await sealWebhookSecret(scope, id, { current: secret });
  const row = await mutate(access, "webhook.create", { type: "webhook", id }, async (tx, audit) => {
    audit.summary = { dag_id: dag.dagId, name: input.name, enabled: input.enabled ?? true };
    return tx.webhook.create({ data: { id, ...scope, dagId: dag.dagId, name: input.name, enabled: input.enabled ?? true, ...sealed }, select: webhookRowSelect });
  });
  return { ...webhookView(row, baseUrl), secret };
}
