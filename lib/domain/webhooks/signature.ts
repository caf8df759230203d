// The inbound webhook signature, Stripe's scheme (docs/decisions/0021-webhook-triggers.md):
//   Windsock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// Several v1= values may be sent (e.g. signed with two secrets); one match is enough.
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
  'Send the header Windsock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw request body>" keyed with the webhook\'s secret>, ' +
  "computed just before sending, over the exact bytes of the body. See docs/webhooks.md.";
