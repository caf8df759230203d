import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, needsRewrap, parseSealedSecret, rewrapSecret, SecretCryptoError, type SecretContext } from "../../../lib/server/crypto";
import { ctx, kmsWith, newKey } from "./helpers";

describe("rotation re-wraps the data key only", () => {
  const k1 = newKey();
  const k2 = newKey();
  const before = kmsWith(["k1", k1]);
  const during = kmsWith(["k2", k2], ["k1", k1]); // new key current, old still configured
  const after = kmsWith(["k2", k2]);

  it("keeps the ciphertext, moves the record to the new key, and decrypts with both keys and then with the new key alone", async () => {
    const record = await encryptSecret(before, "hunter22-long-secret", ctx);
    expect(needsRewrap(during, record)).toBe(true);
    const rewrapped = await rewrapSecret(during, record);
    const [old, neu] = [parseSealedSecret(record), parseSealedSecret(rewrapped)];
    expect(neu.keyId).toBe("k2");
    expect(Buffer.from(neu.ciphertext).equals(Buffer.from(old.ciphertext))).toBe(true);
    expect(Buffer.from(neu.iv).equals(Buffer.from(old.iv))).toBe(true);
    expect(Buffer.from(neu.tag).equals(Buffer.from(old.tag))).toBe(true);
    expect(Buffer.from(neu.wrappedKey).equals(Buffer.from(old.wrappedKey))).toBe(false);

    expect(await decryptSecret(during, record, ctx)).toBe("hunter22-long-secret"); // not yet rotated rows still read
    expect(await decryptSecret(during, rewrapped, ctx)).toBe("hunter22-long-secret");
    expect(await decryptSecret(after, rewrapped, ctx)).toBe("hunter22-long-secret");
    await expect(decryptSecret(after, record, ctx)).rejects.toMatchObject({ reason: "unknown_key", keyId: "k1" });
  });

  it("is idempotent: a record already under the current key comes back unchanged", async () => {
    const record = await encryptSecret(during, "value-under-k2", ctx);
    expect(needsRewrap(during, record)).toBe(false);
    expect(await rewrapSecret(during, record)).toBe(record);
  });

  it("does not hide a broken record: rewrapping a tampered wrapped key fails", async () => {
    const record = await encryptSecret(before, "value-under-k1", ctx);
    const parts = record.split(".");
    parts[2] = parts[2].slice(0, -2) + (parts[2].endsWith("AA") ? "BA" : "AA");
    await expect(rewrapSecret(during, parts.join("."))).rejects.toBeInstanceOf(SecretCryptoError);
  });

  it("gives consistent results under many concurrent encrypt, decrypt and rewrap calls", async () => {
    const contexts: SecretContext[] = Array.from({ length: 200 }, (_, i) => ({ ...ctx, objectId: `conn_${i}`, field: i % 2 ? "password" : "extra" }));
    const values = contexts.map((_, i) => `secret-value-${i}-${"x".repeat(i % 17)}`);
    const records = await Promise.all(contexts.map((c, i) => encryptSecret(before, values[i], c)));
    // Readers and the rotation run at the same time, as during `npm run keys:rotate`.
    const [reads, rewrapped, reads2] = await Promise.all([
      Promise.all(records.map((r, i) => decryptSecret(during, r, contexts[i]))),
      Promise.all(records.map((r) => rewrapSecret(during, r))),
      Promise.all(records.map((r, i) => decryptSecret(before, r, contexts[i]))),
    ]);
    expect(reads).toEqual(values);
    expect(reads2).toEqual(values);
    expect(new Set(rewrapped.map((r) => parseSealedSecret(r).keyId))).toEqual(new Set(["k2"]));
    const finalReads = await Promise.all(rewrapped.map((r, i) => decryptSecret(after, r, contexts[i])));
    expect(finalReads).toEqual(values);
    // Rewrapping again (a resumed rotation) changes nothing.
    expect(await Promise.all(rewrapped.map((r) => rewrapSecret(during, r)))).toEqual(rewrapped);
  });
});
