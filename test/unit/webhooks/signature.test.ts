// The inbound webhook signature (Stripe's scheme): what a sender computes with openssl or
// Node's crypto is accepted; a wrong secret, a stale or future timestamp, a malformed
// header or a changed body is refused; several v1 values may be sent.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSignature, parseSignatureHeader, signatureHeader, standardHeaders, standardSignature, verifySignature, verifyStandardSignature } from "../../../lib/domain/webhooks/signature";

const SECRET = "whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
const NOW = 1_796_000_000;
const BODY = '{"date":"2026-12-06","rows":42}';

// What the docs tell a sender to run (`printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$secret"`).
const nodeSignature = (secret: string, t: number, body: string | Buffer) => createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");

const check = (header: string | null, overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) =>
  verifySignature({ header, secrets: [SECRET], body: BODY, nowSeconds: NOW, ...overrides });

describe("webhook signatures", () => {
  it("computes the same HMAC as Node's crypto and openssl, over the raw bytes", () => {
    expect(computeSignature(SECRET, NOW, BODY)).toBe(nodeSignature(SECRET, NOW, BODY));
    const bytes = Buffer.from([0xff, 0x00, 0x7b, 0xe2, 0x82, 0xac]);
    expect(computeSignature(SECRET, NOW, new Uint8Array(bytes))).toBe(nodeSignature(SECRET, NOW, bytes));
  });

  it("accepts a valid signature, also a few seconds old or from a clock slightly ahead", () => {
    expect(check(`t=${NOW},v1=${nodeSignature(SECRET, NOW, BODY)}`)).toEqual({ ok: true, timestamp: NOW });
    expect(check(`t=${NOW - 299},v1=${nodeSignature(SECRET, NOW - 299, BODY)}`).ok).toBe(true);
    expect(check(`t=${NOW + 60},v1=${nodeSignature(SECRET, NOW + 60, BODY)}`).ok).toBe(true);
    expect(check(` t=${NOW} , v1=${nodeSignature(SECRET, NOW, BODY).toUpperCase()} `).ok).toBe(true);
  });

  it("refuses a signature made with another secret, or over another body", () => {
    expect(check(signatureHeader("whsec_other", NOW, BODY))).toEqual({ ok: false, reason: "mismatch" });
    expect(check(signatureHeader(SECRET, NOW, BODY + " "))).toEqual({ ok: false, reason: "mismatch" });
    expect(check(signatureHeader(SECRET, NOW, BODY), { secrets: [] })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("refuses a timestamp more than 5 minutes old or ahead, even correctly signed, and a signature for another t", () => {
    expect(check(signatureHeader(SECRET, NOW - 301, BODY))).toEqual({ ok: false, reason: "stale" });
    expect(check(signatureHeader(SECRET, NOW + 301, BODY))).toEqual({ ok: false, reason: "stale" });
    expect(check(`t=${NOW},v1=${nodeSignature(SECRET, NOW - 1, BODY)}`)).toEqual({ ok: false, reason: "mismatch" });
  });

  it.each([
    ["no header", null, "missing"],
    ["an empty header", "", "missing"],
    ["no timestamp", `v1=${"a".repeat(64)}`, "malformed"],
    ["no v1", `t=${NOW}`, "malformed"],
    ["only another scheme", `t=${NOW},v0=${"a".repeat(64)}`, "malformed"],
    ["a short v1", `t=${NOW},v1=abc`, "malformed"],
    ["a non-numeric t", `t=yesterday,v1=${"a".repeat(64)}`, "malformed"],
    ["two timestamps", `t=${NOW},t=${NOW},v1=${"a".repeat(64)}`, "malformed"],
    ["a bare token", "sha256=abc", "malformed"],
    ["garbage", "Bearer xyz", "malformed"],
  ])("refuses %s", (_name, header, reason) => {
    expect(check(header)).toEqual({ ok: false, reason });
  });

  it("accepts any of several v1 values, and any of several secrets", () => {
    const good = nodeSignature(SECRET, NOW, BODY);
    expect(check(`t=${NOW},v1=${"0".repeat(64)},v1=${good}`).ok).toBe(true);
    expect(check(`t=${NOW},v1=${good},v0=ignored,v1=${"f".repeat(64)}`).ok).toBe(true);
    expect(check(signatureHeader(["whsec_new", SECRET], NOW, BODY)).ok).toBe(true);
    expect(check(signatureHeader(SECRET, NOW, BODY), { secrets: ["whsec_new", SECRET] }).ok).toBe(true);
  });

  it("parses t and every v1, lower-cased", () => {
    expect(parseSignatureHeader(`t=12,v1=${"A".repeat(64)},v1=${"b".repeat(64)}`)).toEqual({ timestamp: 12, v1: ["a".repeat(64), "b".repeat(64)] });
    expect(parseSignatureHeader(`t=12,v1=${"a".repeat(64)},`)).toBeNull();
  });
});

describe("Standard Webhooks signatures", () => {
  // The test vector of the Standard Webhooks specification (and Svix's libraries).
  const VECTOR = { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1614265330, body: '{"test": 2432232314}' };
  const std = (overrides: Partial<Parameters<typeof verifyStandardSignature>[0]> = {}) =>
    verifyStandardSignature({ id: VECTOR.id, timestamp: String(VECTOR.timestamp), signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", secrets: [VECTOR.secret], body: VECTOR.body, nowSeconds: VECTOR.timestamp + 10, ...overrides });

  it("computes the specification's test vector", () => {
    expect(standardSignature(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    expect(std()).toEqual({ ok: true, timestamp: VECTOR.timestamp });
  });

  it("accepts any of several space-separated signatures, and ignores other versions", () => {
    expect(std({ signature: "v1a,xyz v1,bm90IGl0 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" }).ok).toBe(true);
    const h = standardHeaders(["whsec_" + Buffer.from("other key").toString("base64"), VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body);
    expect(std({ signature: h["webhook-signature"] }).ok).toBe(true);
  });

  it("refuses a changed body, id or timestamp, a stale one, a wrong key, and missing or malformed headers", () => {
    expect(std({ body: '{"test": 2432232315}' })).toEqual({ ok: false, reason: "mismatch" });
    expect(std({ id: "msg_other" })).toEqual({ ok: false, reason: "mismatch" });
    expect(std({ nowSeconds: VECTOR.timestamp + 301 })).toEqual({ ok: false, reason: "stale" });
    expect(std({ secrets: ["whsec_" + Buffer.from("wrong").toString("base64")] })).toEqual({ ok: false, reason: "mismatch" });
    expect(std({ id: null })).toEqual({ ok: false, reason: "missing" });
    expect(std({ signature: "" })).toEqual({ ok: false, reason: "missing" });
    expect(std({ timestamp: "soon" })).toEqual({ ok: false, reason: "malformed" });
    expect(std({ signature: "v2,abc" })).toEqual({ ok: false, reason: "malformed" });
  });
});
