// Webhook deliveries as a sender makes them: the body signed with the secret (Stripe's
// t=,v1= scheme, or Standard Webhooks' headers) and POSTed to the public route in-process,
// with no session or token.
import * as deliveryRoute from "../../app/api/v1/webhooks/[webhook_id]/route";
import { signatureHeader, standardHeaders } from "../../lib/domain/webhooks/signature";
import type { ApiAnswer } from "../support/call-route";

export interface DeliveryOptions {
  /** Signs with these secrets (default: the one given); `null` sends no signature header. */
  secrets?: string[] | null;
  /** Unix seconds for t= (default: now). */
  timestamp?: number;
  deliveryId?: string;
  headers?: Record<string, string>;
  /** "standard": webhook-id / webhook-timestamp / webhook-signature (the id is deliveryId, or a fresh msg_ id). */
  scheme?: "stripe" | "standard";
}

export function signedRequest(url: string, secret: string, body: string | Uint8Array, options: DeliveryOptions = {}): Request {
  const t = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "webhook-sender/1.0", ...options.headers };
  if (options.scheme === "standard") {
    if (options.secrets !== null) Object.assign(headers, standardHeaders(options.secrets ?? [secret], options.deliveryId ?? `msg_${Date.now()}${Math.random().toString(36).slice(2)}`, t, body));
    return new Request(url, { method: "POST", headers: { ...headers, ...options.headers }, body: body as BodyInit });
  }
  if (options.secrets !== null) headers["windsock-signature"] = signatureHeader(options.secrets ?? [secret], t, body);
  if (options.deliveryId !== undefined) headers["windsock-delivery"] = options.deliveryId;
  return new Request(url, { method: "POST", headers, body: body as BodyInit });
}

/** POSTs to /api/v1/webhooks/{id} through the route handler, as an outside system would. */
export async function deliver(webhookId: string, secret: string, body: unknown = {}, options: DeliveryOptions = {}): Promise<ApiAnswer> {
  const raw = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const request = signedRequest(`http://app.test/api/v1/webhooks/${webhookId}`, secret, raw, options);
  const response = await deliveryRoute.POST(request, { params: Promise.resolve({ webhook_id: webhookId }) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, text, body: parsed };
}
