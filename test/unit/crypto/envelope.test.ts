import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, keyIdOf, parseSealedSecret, SecretCryptoError } from "../../../lib/server/crypto";
import { ctx, flipByteInPart, kmsWith, newKey } from "./helpers";

const SECRET = "s3cr3t-Pässwörd/+=?&\"' 🔑";

async function failure(p: Promise<unknown>): Promise<SecretCryptoError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SecretCryptoError);
    return e as SecretCryptoError;
  }
  throw new Error("expected the promise to reject");
}

describe("envelope encryption round trip", () => {
  const k1 = newKey();
  const kms = kmsWith(["k1", k1]);

  it("decrypts what it encrypted, for text with any characters, and the empty string", async () => {
    for (const value of [SECRET, "", "x", "a".repeat(100_000), '{"keyfile_dict": {"private_key": "-----BEGIN…"}}']) {
      const record = await encryptSecret(kms, value, ctx);
      expect(await decryptSecret(kms, record, ctx)).toBe(value);
    }
  });

  it("stores a compact versioned record naming the master key, with a fresh data key and nonce every time", async () => {
    const a = await encryptSecret(kms, SECRET, ctx);
    const b = await encryptSecret(kms, SECRET, ctx);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/);
    expect(keyIdOf(a)).toBe("k1");
    expect(a).not.toBe(b);
    const [pa, pb] = [parseSealedSecret(a), parseSealedSecret(b)];
    expect(Buffer.from(pa.wrappedKey).equals(Buffer.from(pb.wrappedKey))).toBe(false);
    expect(Buffer.from(pa.iv).equals(Buffer.from(pb.iv))).toBe(false);
    expect(pa.iv).toHaveLength(12);
    expect(pa.tag).toHaveLength(16);
    expect(pa.wrappedKey).toHaveLength(12 + 32 + 16);
  });

  it("never carries the plaintext or the master key in the record", async () => {
    const record = await encryptSecret(kms, SECRET, ctx);
    const variants = [SECRET, Buffer.from(SECRET).toString("base64"), Buffer.from(SECRET).toString("base64url"), k1, Buffer.from(k1, "base64").toString("base64url")];
    for (const v of variants) expect(record).not.toContain(v);
  });
});

describe("tampering and misplaced records fail with a clear error", () => {
  const kms = kmsWith(["k1", newKey()]);

  it.each([
    [2, "wrapped key", "key_unwrap_failed"],
    [3, "nonce", "authentication_failed"],
    [4, "ciphertext", "authentication_failed"],
    [5, "tag", "authentication_failed"],
  ])("a flipped byte in the %s part (%s) is detected", async (part, _name, reason) => {
    const record = await encryptSecret(kms, SECRET, ctx);
    for (const byte of [0, 7, 15]) {
      const error = await failure(decryptSecret(kms, flipByteInPart(record, part as number, byte), ctx));
      expect(error.reason).toBe(reason);
    }
  });

  it("a wrapped key from another record cannot stand in (each wrap is bound to its key id, each ciphertext to its data key)", async () => {
    const a = (await encryptSecret(kms, SECRET, ctx)).split(".");
    const b = (await encryptSecret(kms, SECRET, ctx)).split(".");
    const spliced = [...a.slice(0, 2), b[2], ...a.slice(3)].join(".");
    expect((await failure(decryptSecret(kms, spliced, ctx))).reason).toBe("authentication_failed");
  });

  it.each([
    ["another organization", { organizationId: "org_b" }],
    ["another environment", { environmentId: "env_prd" }],
    ["another object type", { objectType: "variable" }],
    ["another row", { objectId: "conn_124" }],
    ["another field", { field: "extra" }],
  ])("a record moved to %s does not decrypt", async (_where, change) => {
    const record = await encryptSecret(kms, SECRET, ctx);
    const error = await failure(decryptSecret(kms, record, { ...ctx, ...change }));
    expect(error.reason).toBe("authentication_failed");
    expect(error.message).toMatch(/another organization, environment, object or field/);
    expect(error.message).not.toContain(SECRET);
  });

  it("context parts cannot be shifted into each other", async () => {
    const record = await encryptSecret(kms, SECRET, { ...ctx, objectId: "a.b", field: "c" });
    expect((await failure(decryptSecret(kms, record, { ...ctx, objectId: "a", field: "b.c" }))).reason).toBe("authentication_failed");
  });

  it("refuses an empty context part", async () => {
    expect((await failure(encryptSecret(kms, SECRET, { ...ctx, environmentId: "" }))).reason).toBe("invalid_context");
  });

  it("an unknown key id names the key id and the configured ids, never a key", async () => {
    const oldKey = newKey();
    const record = await encryptSecret(kmsWith(["k0", oldKey]), SECRET, ctx);
    const current = newKey();
    const error = await failure(decryptSecret(kmsWith(["k2", current]), record, ctx));
    expect(error.reason).toBe("unknown_key");
    expect(error.keyId).toBe("k0");
    expect(error.message).toMatch(/master key "k0" is not configured \(configured: k2\)/);
    expect(error.message).toMatch(/WINDSOCK_MASTER_KEYS/);
    for (const leak of [oldKey, current, SECRET]) expect(error.message).not.toContain(leak);
  });

  it("a key configured under the right id but with other bytes is reported as such", async () => {
    const record = await encryptSecret(kmsWith(["k1", newKey()]), SECRET, ctx);
    const error = await failure(decryptSecret(kmsWith(["k1", newKey()]), record, ctx));
    expect(error.reason).toBe("key_unwrap_failed");
    expect(error.message).toMatch(/is not the one it was written with/);
  });

  it("relabelling a record with another configured key id fails", async () => {
    const two = kmsWith(["k2", newKey()], ["k1", newKey()]);
    const record = await encryptSecret(two, SECRET, ctx);
    expect(record.startsWith("v1.k2.")).toBe(true);
    expect((await failure(decryptSecret(two, record.replace("v1.k2.", "v1.k1."), ctx))).reason).toBe("key_unwrap_failed");
  });

  it.each([
    ["", "malformed_record"],
    ["hello", "malformed_record"],
    ["v1.k1.AA.AA", "malformed_record"],
    ["v1.k1.AA.AAAAAAAAAAAAAAAA.AA.AA!", "malformed_record"],
    ["v2.k1.a.b.c.d", "unsupported_version"],
  ])("rejects %j as %s", async (record, reason) => {
    expect((await failure(decryptSecret(kms, record, ctx))).reason).toBe(reason);
  });
});

describe("no secret material in errors, JSON or inspection", () => {
  it("the key service shows key ids only", () => {
    const k2 = newKey();
    const k1 = newKey();
    const kms = kmsWith(["k2", k2], ["k1", k1]);
    const shown = [JSON.stringify(kms), String(kms), inspect(kms, { showHidden: true, depth: 10 }), JSON.stringify({ kms })];
    for (const text of shown) {
      expect(text).toContain("k2");
      for (const key of [k1, k2, Buffer.from(k1, "base64").toString("hex")]) expect(text).not.toContain(key);
    }
  });

  it("parsed records and errors carry no plaintext", async () => {
    const kms = kmsWith(["k1", newKey()]);
    const record = await encryptSecret(kms, SECRET, ctx);
    const parsed = parseSealedSecret(record);
    expect(JSON.stringify(parsed)).not.toContain(SECRET);
    expect(inspect(parsed)).not.toContain(SECRET);
    const error = await failure(decryptSecret(kms, record, { ...ctx, field: "login" }));
    expect(`${error}\n${error.stack}\n${JSON.stringify(error)}\n${inspect(error)}`).not.toContain(SECRET);
  });

  it("explains how to configure a master key when there is none", () => {
    expect(() => kmsWith()).toThrow(/set WINDSOCK_MASTER_KEY .*or WINDSOCK_MASTER_KEYS/);
  });
});
