// Inbound webhook signatures (docs/decisions/0021-webhook-triggers.md), two schemes over one
// `whsec_<base64>` secret:
// - Standard Webhooks (standardwebhooks.com; what ARCHITECTURE.md names, and what Svix and
//   its libraries send): webhook-id, webhook-timestamp and
//   webhook-signature: v1,<base64 HMAC-SHA256(base64-decoded key, "<id>.<timestamp>.<raw body>")>
//   (space-separated, several allowed). The webhook-id is the delivery id (dedupe).
// - Stripe's: Windsock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(whole secret, "<t>.<raw body>")>
//   with an optional Windsock-Delivery id.
// Several signatures may be sent (e.g. signed with two secrets); one match is enough.
// Pure: the caller passes the clock, so the check is a table of cases in tests.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export const SIGNATURE_HEADER = "windsock-signature";
export const DELIVERY_HEADER = "windsock-delivery";
/** A signature older (or newer, for clock skew) than this is refused: a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Why a signature was refused. Logged in the audit event, never told to the sender. */
export type SignatureFailure = "missing" | "malformed" | "stale" | "mismatch";
export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: SignatureFailure };

const MAX_HEADER_CHARS = 4096;
const MAX_V1_VALUES = 8;
const HEX64 = /^[0-9a-f]{64}$/;

/** `t` and every `v1` of a header, or null when it has no usable shape. Unknown schemes (v0=…) are ignored, as Stripe does. */
export function parseSignatureHeader(header: string): { timestamp: number; v1: string[] } | null {
  if (header.length > MAX_HEADER_CHARS) return null;
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === "v1") {
      const hex = value.toLowerCase();
      if (!HEX64.test(hex) || v1.length >= MAX_V1_VALUES) return null;
      v1.push(hex);
    }
  }
  if (timestamp === null || v1.length === 0) return null;
  return { timestamp, v1 };
}

function bodyBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? utf8ToBytes(body) : body;
}

/** hex HMAC-SHA256 keyed with the whole secret string (whsec_… included), over "<t>.<raw body>". */
export function computeSignature(secret: string, timestamp: number, body: string | Uint8Array): string {
  const prefix = utf8ToBytes(`${timestamp}.`);
  const raw = bodyBytes(body);
  const message = new Uint8Array(prefix.length + raw.length);
  message.set(prefix, 0);
  message.set(raw, prefix.length);
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), message));
}

/** The header a sender puts on a request (tests, docs, the UI's example). */
export function signatureHeader(secrets: string | string[], timestamp: number, body: string | Uint8Array): string {
  const list = Array.isArray(secrets) ? secrets : [secrets];
  return [`t=${timestamp}`, ...list.map((s) => `v1=${computeSignature(s, timestamp, body)}`)].join(",");
}

/** Compares two equal-length hex strings without stopping at the first difference. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Accepts when the timestamp is within the tolerance of `nowSeconds` and some v1 value is
 * the signature under some secret. Every candidate is compared (no early exit), so the
 * time taken says nothing about which value came close.
 */
export function verifySignature(input: {
  header: string | null | undefined;
  secrets: string[];
  body: string | Uint8Array;
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!input.header) return { ok: false, reason: "missing" };
  const parsed = parseSignatureHeader(input.header);
  if (!parsed) return { ok: false, reason: "malformed" };
  const tolerance = input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(input.nowSeconds - parsed.timestamp) > tolerance) return { ok: false, reason: "stale" };
  const raw = bodyBytes(input.body);
  let matched = false;
  for (const secret of input.secrets) {
    const expected = computeSignature(secret, parsed.timestamp, raw);
    for (const given of parsed.v1) if (constantTimeEqual(expected, given)) matched = true;
  }
  return matched ? { ok: true, timestamp: parsed.timestamp } : { ok: false, reason: "mismatch" };
}

/** What a refused sender reads: how to sign, the same words whichever part failed. */
export const SIGNATURE_HELP =
  "The request is not signed with this webhook's secret, or the signature is older than 5 minutes. " +
  "Sign it as Standard Webhooks do (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of \"<id>.<timestamp>.<raw body>\" keyed with the secret's base64 part decoded>), or " +
  'send the header Windsock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw request body>" keyed with the webhook\'s secret>, ' +
  "computed just before sending, over the exact bytes of the body. See docs/webhooks.md.";

// ---------------------------------------------------------------- Standard Webhooks

export const STANDARD_ID_HEADER = "webhook-id";
export const STANDARD_TIMESTAMP_HEADER = "webhook-timestamp";
export const STANDARD_SIGNATURE_HEADER = "webhook-signature";

/** The HMAC key of a `whsec_<base64>` secret: its base64 part decoded (base64url accepted too). */
export function standardKey(secret: string): Uint8Array {
  const b64 = secret.replace(/^whsec_/, "").replace(/-/g, "+").replace(/_/g, "/");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  const bin = atob(padded);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>" under the secret's decoded key. */
export function standardSignature(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  const prefix = utf8ToBytes(`${id}.${timestamp}.`);
  const raw = bodyBytes(body);
  const message = new Uint8Array(prefix.length + raw.length);
  message.set(prefix, 0);
  message.set(raw, prefix.length);
  return toBase64(hmac(sha256, standardKey(secret), message));
}

/** The three headers a Standard Webhooks sender puts on a request (tests, docs). */
export function standardHeaders(secrets: string | string[], id: string, timestamp: number, body: string | Uint8Array): Record<string, string> {
  const list = Array.isArray(secrets) ? secrets : [secrets];
  return {
    [STANDARD_ID_HEADER]: id,
    [STANDARD_TIMESTAMP_HEADER]: String(timestamp),
    [STANDARD_SIGNATURE_HEADER]: list.map((s) => `v1,${standardSignature(s, id, timestamp, body)}`).join(" "),
  };
}

/** Accepts when the timestamp is within the tolerance and some `v1,` signature matches under some secret (every candidate compared). */
export function verifyStandardSignature(input: {
  id: string | null | undefined;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  secrets: string[];
  body: string | Uint8Array;
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!input.signature || !input.id || !input.timestamp) return { ok: false, reason: "missing" };
  if (input.signature.length > MAX_HEADER_CHARS || !/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: "malformed" };
  const given = input.signature
    .split(" ")
    .filter(Boolean)
    .flatMap((part) => (part.startsWith("v1,") ? [part.slice(3)] : []))
    .slice(0, MAX_V1_VALUES);
  if (!given.length) return { ok: false, reason: "malformed" };
  const timestamp = Number(input.timestamp);
  if (Math.abs(input.nowSeconds - timestamp) > (input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return { ok: false, reason: "stale" };
  const raw = bodyBytes(input.body);
  let matched = false;
  for (const secret of input.secrets) {
    let expected: string;
    try {
      expected = standardSignature(secret, input.id, timestamp, raw);
    } catch {
      continue; // not a base64 secret: it cannot sign this scheme
    }
    for (const g of given) if (constantTimeEqual(expected, g)) matched = true;
  }
  return matched ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}
