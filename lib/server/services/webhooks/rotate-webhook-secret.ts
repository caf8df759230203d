// `POST …/webhooks/{webhook_id}/rotate` `{ "expire_previous_in_hours"?: 0-168 }`: a new
// secret, returned once. By default the old one stops at once; with a grace period it is
// still accepted until then (Stripe's "roll secret"), so senders can switch without a gap.
// Rotating again drops any older secret: only the one just replaced may linger.
import { mutate, type Access } from "../../authz";
import { AppError } from "../../errors";
import { newWebhookSecret, openWebhookSecret, requireWebhookRow, sealWebhookSecret, webhookRowSelect, webhookView, type WebhookWithSecret } from "./webhook-store";

export const MAX_GRACE_HOURS = 168;

export function parseRotateWebhook(body: Record<string, unknown>): { graceHours: number } {
  const details: Record<string, string> = {};
  for (const k of Object.keys(body)) if (k !== "expire_previous_in_hours") details[k] = "is not a field of a rotation (its field: expire_previous_in_hours)";
  const hours = body.expire_previous_in_hours ?? 0;
  if (typeof hours !== "number" || !Number.isInteger(hours) || hours < 0 || hours > MAX_GRACE_HOURS) {
    details.expire_previous_in_hours = `must be a whole number of hours from 0 (the old secret stops at once) to ${MAX_GRACE_HOURS} (7 days)`;
  }
  if (Object.keys(details).length) throw new AppError("unprocessable", "The rotation is invalid.", details);
  return { graceHours: hours as number };
}

export async function rotateWebhookSecret(access: Access<"webhook.write">, dagId: string, webhookId: string, baseUrl: string, graceHours = 0, now: Date = new Date()): Promise<WebhookWithSecret> {
  const scope = { organizationId: access.organization.id, environmentId: access.environment.id };
  const stored = await requireWebhookRow(scope, dagId, webhookId);
  const secret = newWebhookSecret();
  const previous = graceHours > 0 ? (await openWebhookSecret(stored)).current : null;
  const sealed = await sealWebhookSecret(scope, stored.id, { current: secret, previous });
  const previousSecretExpiresAt = previous ? new Date(now.getTime() + graceHours * 3_600_000) : null;
  const row = await mutate(access, "webhook.rotate", { type: "webhook", id: stored.id }, async (tx, audit) => {
    audit.summary = { dag_id: stored.dagId, name: stored.name, previous_secret_expires_at: previousSecretExpiresAt?.toISOString() ?? null };
    return tx.webhook.update({ where: { id: stored.id, ...scope }, data: { ...sealed, secretRotatedAt: now, previousSecretExpiresAt }, select: webhookRowSelect });
  });
  return { ...webhookView(row, baseUrl), secret };
}
