// `POST /api/v1/webhooks/{webhook_id}`: a signed delivery starts a run of the webhook's DAG.
// No session or token: the signature is the credential (docs/decisions/0021-webhook-triggers.md).
// Checks, in order: known and enabled (404), body size (413), signature (401), delivery id
// (400), body JSON (400/422), then the manual trigger's own checks (conf against params:
// 422). Every delivery to a known webhook writes an audit event and its last delivery (an
// accepted one in the transaction that inserts the run; refusals up to a rate per minute).
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  SIGNATURE_HELP,
  STANDARD_ID_HEADER,
  STANDARD_SIGNATURE_HEADER,
  STANDARD_TIMESTAMP_HEADER,
  verifySignature,
  verifyStandardSignature,
} from "../../../domain/webhooks/signature";
import type { AuditNote, Tx } from "../../authz";
import { writeAuditEvent, type AuditOutcome } from "../../audit/write-audit-event";
import { consumeRateLimits } from "../../auth/rate-limit";
import { db } from "../../db";
import { AppError } from "../../errors";
import { requestContextFromHeaders, type RequestContext } from "../../request-context";
import type { DagRunView } from "../runs/dag-run-view";
import { startManualRun } from "../runs/trigger-dag-run";
import { acceptedSecrets, findWebhookById, openWebhookSecret, type WebhookRow } from "./webhook-store";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;
// The run id is `webhook__<delivery id>`, within the run id alphabet and length.
const DELIVERY_ID = /^[A-Za-z0-9_.:+~-]{1,200}$/;

export interface DeliveryAnswer {
  /** 202 a run started (or queued); 200 a repeated delivery id, same run. */
  status: 200 | 202;
  body: Pick<DagRunView, "dag_run_id" | "dag_id" | "state">;
}

const UNKNOWN = "There is no enabled webhook with this id. Check the URL in the DAG's Webhooks tab; a deleted or disabled webhook answers 404.";

export async function deliverWebhook(request: Request, webhookId: string, now: Date = new Date()): Promise<DeliveryAnswer> {
  const row = await findWebhookById(webhookId);
  if (!row) throw new AppError("not_found", UNKNOWN);
  const context = requestContextFromHeaders(request.headers);
  // Standard Webhooks when its signature header is there (its webhook-id is the delivery id), else Stripe's scheme.
  const standard = request.headers.has(STANDARD_SIGNATURE_HEADER);
  const deliveryId = standard ? request.headers.get(STANDARD_ID_HEADER) : request.headers.get(DELIVERY_HEADER);
  try {
    if (!row.enabled) throw refusal("not_found", UNKNOWN, "disabled");
    const body = await readBody(request);
    const secrets = acceptedSecrets(row, await openWebhookSecret(row), now);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const check = standard
      ? verifyStandardSignature({ id: deliveryId, timestamp: request.headers.get(STANDARD_TIMESTAMP_HEADER), signature: request.headers.get(STANDARD_SIGNATURE_HEADER), secrets, body, nowSeconds })
      : verifySignature({ header: request.headers.get(SIGNATURE_HEADER), secrets, body, nowSeconds });
    if (!check.ok) throw refusal("unauthenticated", SIGNATURE_HELP, `signature ${check.reason}`);
    if (deliveryId !== null && !DELIVERY_ID.test(deliveryId)) {
      const header = standard ? "webhook-id" : "Windsock-Delivery";
      throw refusal("bad_request", `The ${header} header must be 1-200 letters, digits and _ . : + ~ - (for example a UUID).${standard ? "" : " Leave it out if the sender has no delivery id."}`, "bad delivery id");
    }
    const conf = parseConf(body);
    return await startRun(row, conf, deliveryId, context, now);
  } catch (error) {
    if (error instanceof AppError) await recordRefusal(row, error, context, deliveryId, now).catch((e: unknown) => console.error(`webhook ${row.id}: could not record a refused delivery:`, e));
    throw error;
  }
}

/** An AppError that carries, for the audit log only, which check refused the delivery. */
class Refusal extends AppError {
  constructor(code: ConstructorParameters<typeof AppError>[0], message: string, public readonly reason: string, details?: unknown) {
    super(code, message, details);
  }
}
const refusal = (code: ConstructorParameters<typeof AppError>[0], message: string, reason: string, details?: unknown) => new Refusal(code, message, reason, details);

async function readBody(request: Request): Promise<Uint8Array> {
  const tooLarge = () => refusal("payload_too_large", `The request body is larger than ${MAX_WEBHOOK_BODY_BYTES / 1024 / 1024} MiB. Send the run's conf only; put large data where the DAG can fetch it.`, "body too large");
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > MAX_WEBHOOK_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** An empty body is an empty conf; otherwise a JSON object. */
function parseConf(body: Uint8Array): Record<string, unknown> {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(body);
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refusal("bad_request", 'The request body is not valid JSON. Send a JSON object (it becomes the run\'s conf, e.g. {"date": "2026-12-06"}), or an empty body.', "malformed JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw refusal("unprocessable", "The request body must be a JSON object: it becomes the run's conf.", "body not an object", [{ field: "body", message: "must be a JSON object" }]);
  }
  return parsed as Record<string, unknown>;
}

const auditPrincipalOf = (row: WebhookRow) => ({ type: "webhook" as const, id: row.id, name: row.name });

/** An accepted delivery: the webhook's last delivery and its audit event (in the caller's transaction). */
async function recordAccepted(tx: Tx, row: WebhookRow, status: 200 | 202, target: string | null, context: RequestContext, now: Date, summary: Record<string, unknown>) {
  await tx.webhook.update({ where: { id: row.id }, data: { lastDeliveryAt: now, lastDeliveryStatus: status } });
  await writeAuditEvent(tx, {
    action: "webhook.deliver",
    outcome: "success",
    principal: auditPrincipalOf(row),
    organizationId: row.organizationId,
    environmentId: row.environmentId,
    target: { type: "dag_run", id: target },
    request: context,
    summary,
  });
}

async function startRun(row: WebhookRow, conf: Record<string, unknown>, deliveryId: string | null, context: RequestContext, now: Date): Promise<DeliveryAnswer> {
  const dagRunId = deliveryId === null ? undefined : `webhook__${deliveryId}`;
  const record = <T>(change: (tx: Tx, audit: AuditNote) => Promise<T>) =>
    db().$transaction(async (tx) => {
      const audit: AuditNote = { targetId: null, summary: { webhook_id: row.id, webhook: row.name, delivery_id: deliveryId, status: 202 } };
      const result = await change(tx, audit);
      await recordAccepted(tx, row, 202, audit.targetId, context, now, audit.summary ?? {});
      return result;
    });
  try {
    const run = await startManualRun({ environment: { id: row.environmentId, organizationId: row.organizationId }, record }, { dag_id: row.dagId, dag_run_id: dagRunId, conf, triggered_by: "webhook" });
    return { status: 202, body: { dag_run_id: run.dag_run_id, dag_id: run.dag_id, state: run.state } };
  } catch (error) {
    // A repeated delivery id: the run it started, not a second one.
    if (!(error instanceof AppError && error.code === "conflict" && dagRunId)) throw error;
    const existing = await db().dagRun.findUnique({
      where: { environmentId_dagId_runId: { environmentId: row.environmentId, dagId: row.dagId, runId: dagRunId } },
      select: { id: true, dagId: true, runId: true, state: true },
    });
    if (!existing) throw error;
    await db().$transaction((tx) =>
      recordAccepted(tx, row, 200, existing.id, context, now, { webhook_id: row.id, webhook: row.name, delivery_id: deliveryId, status: 200, repeated: true, dag_run_id: dagRunId }),
    );
    return { status: 200, body: { dag_run_id: existing.runId, dag_id: existing.dagId, state: existing.state } };
  }
}

/**
 * Refusals audited one by one per webhook and minute; beyond it a refusal is still
 * answered (and shown as the last delivery) but not audited, so a flood of bad
 * signatures cannot grow the audit log without bound. Accepted deliveries are never
 * limited (nor locked out by a flood).
 */
export const REFUSALS_AUDITED_PER_MINUTE = 60;

async function recordRefusal(row: WebhookRow, error: AppError, context: RequestContext, deliveryId: string | null, now: Date): Promise<void> {
  const budget = await consumeRateLimits([{ key: `webhook:refused:${row.id}`, limit: REFUSALS_AUDITED_PER_MINUTE, windowSeconds: 60 }], now);
  if (!budget.allowed) {
    await db().webhook.updateMany({ where: { id: row.id }, data: { lastDeliveryAt: now, lastDeliveryStatus: error.status } });
    return;
  }
  const outcome: AuditOutcome = error.status === 401 || (error instanceof Refusal && error.reason === "disabled") ? "denied" : "failure";
  const reason = error instanceof Refusal ? error.reason : error.message.slice(0, 300);
  await db().$transaction(async (tx) => {
    await tx.webhook.updateMany({ where: { id: row.id }, data: { lastDeliveryAt: now, lastDeliveryStatus: error.status } });
    await writeAuditEvent(tx, {
      action: "webhook.deliver",
      outcome,
      principal: auditPrincipalOf(row),
      organizationId: row.organizationId,
      environmentId: row.environmentId,
      target: { type: "webhook", id: row.id },
      request: context,
      summary: { webhook_id: row.id, webhook: row.name, delivery_id: deliveryId, status: error.status, reason },
    });
  });
}
