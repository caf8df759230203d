// The webhook store. A row keeps the signing secret only sealed (envelope encryption, as
// connections and variables), its associated data binding organization, environment and
// the row's id, so a ciphertext copied to another row or tenant fails to open. Every
// management query takes the scope; only the public delivery route looks a row up by id
// alone (the id in the URL names it, the signature proves the sender).
import { randomBytes } from "node:crypto";
import type { Prisma } from "../../../../generated/prisma/client";
import { decryptSecret, encryptSecret, keyIdOf, type KeyManagementService, type SecretContext } from "../../crypto";
import { db } from "../../db";
import { AppError } from "../../errors";
import { scopeWhere, type SecretScope } from "../connections/connection-store";
import { secretsKms } from "../secrets/secrets-kms";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

/** `whsec_` + 32 random bytes in base64: Standard Webhooks' secret format (its key is the decoded bytes; Stripe-style signing uses the whole string). */
export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(32).toString("base64");
}

export const webhookRowSelect = {
  id: true,
  organizationId: true,
  environmentId: true,
  dagId: true,
  name: true,
  sealedSecret: true,
  enabled: true,
  secretRotatedAt: true,
  previousSecretExpiresAt: true,
  lastDeliveryAt: true,
  lastDeliveryStatus: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type WebhookRow = Prisma.WebhookGetPayload<{ select: typeof webhookRowSelect }>;

type Reader = Pick<Prisma.TransactionClient, "webhook">;

const plausibleId = (id: unknown): id is string => typeof id === "string" && id.length > 0 && id.length <= 64;

export function webhookNotFound(): AppError {
  return new AppError("not_found", "There is no such webhook for this DAG in this environment. Check the webhook_id, or list the DAG's webhooks.");
}

/** The row of this environment and DAG, or a 404 (whoever else has one with that id). */
export async function requireWebhookRow(scope: SecretScope, dagId: string, webhookId: string, client: Reader = db()): Promise<WebhookRow> {
  const row = plausibleId(webhookId) ? await client.webhook.findFirst({ where: { ...scopeWhere(scope), dagId, id: webhookId }, select: webhookRowSelect }) : null;
  if (!row) throw webhookNotFound();
  return row;
}

/** By id alone, for the public delivery route. */
export async function findWebhookById(webhookId: string): Promise<WebhookRow | null> {
  if (!plausibleId(webhookId)) return null;
  return db().webhook.findUnique({ where: { id: webhookId }, select: webhookRowSelect });
}

export const webhookSecretContext = (scope: SecretScope, rowId: string): SecretContext => ({
  organizationId: scope.organizationId,
  environmentId: scope.environmentId,
  objectType: "webhook",
  objectId: rowId,
  field: "secret",
});

/** The secrets a row holds: the current one, and after a rotation with a grace period the previous one. */
export interface WebhookSecrets {
  current: string;
  previous?: string | null;
}

/** One ciphertext for both (JSON), so master key rotation re-wraps them together. */
export async function sealWebhookSecret(scope: SecretScope, rowId: string, secrets: WebhookSecrets, kms: KeyManagementService = secretsKms()): Promise<{ sealedSecret: string; keyId: string }> {
  const payload = secrets.previous ? JSON.stringify({ current: secrets.current, previous: secrets.previous }) : secrets.current;
  const sealedSecret = await encryptSecret(kms, payload, webhookSecretContext(scope, rowId));
  return { sealedSecret, keyId: keyIdOf(sealedSecret) };
}

/** Both secrets as stored; `previous` regardless of its expiry (see `acceptedSecrets`). */
export async function openWebhookSecret(row: WebhookRow, kms: KeyManagementService = secretsKms()): Promise<WebhookSecrets> {
  const payload = await decryptSecret(kms, row.sealedSecret, webhookSecretContext(row, row.id));
  if (!payload.startsWith("{")) return { current: payload, previous: null };
  const parsed = JSON.parse(payload) as { current: string; previous?: string | null };
  return { current: parsed.current, previous: parsed.previous ?? null };
}

/** The secrets a delivery may be signed with at `now`: the current one, and the previous one until it expires. */
export function acceptedSecrets(row: Pick<WebhookRow, "previousSecretExpiresAt">, secrets: WebhookSecrets, now: Date): string[] {
  const previousValid = !!secrets.previous && !!row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [secrets.current, secrets.previous!] : [secrets.current];
}

/** The delivery URL senders POST to. */
export const webhookUrl = (baseUrl: string, webhookId: string) => `${baseUrl.replace(/\/+$/, "")}/api/v1/webhooks/${webhookId}`;

/** What GET shows: never the secret (it is shown once, by create and rotate). */
export interface WebhookView {
  webhook_id: string;
  dag_id: string;
  name: string;
  url: string;
  enabled: boolean;
  created_at: string;
  updated_at: string;
  secret_rotated_at: string | null;
  /** Until when the secret before the last rotation is still accepted; null when it is not. */
  previous_secret_expires_at: string | null;
  last_delivery_at: string | null;
  /** The HTTP status of the latest delivery (202 accepted, 200 repeat, 401 bad signature, …). */
  last_delivery_status: number | null;
}

export function webhookView(row: WebhookRow, baseUrl: string): WebhookView {
  return {
    webhook_id: row.id,
    dag_id: row.dagId,
    name: row.name,
    url: webhookUrl(baseUrl, row.id),
    enabled: row.enabled,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    secret_rotated_at: row.secretRotatedAt?.toISOString() ?? null,
    previous_secret_expires_at: row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > Date.now() ? row.previousSecretExpiresAt.toISOString() : null,
    last_delivery_at: row.lastDeliveryAt?.toISOString() ?? null,
    last_delivery_status: row.lastDeliveryStatus,
  };
}

/** Create and rotate answer with the secret, once. */
export type WebhookWithSecret = WebhookView & { secret: string };
