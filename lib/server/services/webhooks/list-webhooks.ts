// `GET …/dags/{dag_id}/webhooks`: the DAG's webhooks, oldest first, without secrets.
import type { Access } from "../../authz";
import { db } from "../../db";
import { scopeWhere } from "../connections/connection-store";
import type { ListQuery } from "../connections/list-query";
import { webhookRowSelect, webhookView, type WebhookView } from "./webhook-store";

export async function listWebhooks(
  access: Access<"webhook.read" | "webhook.write">,
  dagId: string,
  baseUrl: string,
  query: ListQuery = { limit: 100, offset: 0 },
): Promise<{ webhooks: WebhookView[]; total_entries: number }> {
  const where = { ...scopeWhere({ organizationId: access.organization.id, environmentId: access.environment.id }), dagId: String(dagId).slice(0, 250) };
  const [total, rows] = await Promise.all([
    db().webhook.count({ where }),
    db().webhook.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: query.offset, take: query.limit, select: webhookRowSelect }),
  ]);
  return { webhooks: rows.map((r) => webhookView(r, baseUrl)), total_entries: total };
}
