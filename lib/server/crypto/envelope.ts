// Envelope encryption of secrets: every secret gets a fresh random AES-256-GCM data key,
// which the KMS wraps with the current master key. The ciphertext's associated data binds
// organization, environment, object type, object id and field, so a record copied to
// another row, field, environment or tenant fails to decrypt. Rotation re-wraps only the
// data key: the ciphertext does not change (docs/decisions/0006-envelope-encryption.md).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SecretCryptoError } from "./crypto-error";
import type { KeyManagementService } from "./key-management-service";
import { FORMAT_VERSION, formatSealedSecret, parseSealedSecret } from "./sealed-secret";

/** Where a secret belongs. All parts are ids, not secrets, and appear in error messages. */
export interface SecretContext {
  organizationId: string;
  environmentId: string;
  /** e.g. "connection", "variable". */
  objectType: string;
  /** The row's id (not its user-facing name, so a rename keeps the secret readable). */
  objectId: string;
  /** e.g. "password", "extra", "value". */
  field: string;
}

const IV_BYTES = 12;

/** Unambiguous encoding: a JSON array cannot be confused by separators inside ids. */
export function associatedData(ctx: SecretContext): Buffer {
  for (const part of ["organizationId", "environmentId", "objectType", "objectId", "field"] as const) {
    if (typeof ctx[part] !== "string" || ctx[part].length === 0) {
      throw new SecretCryptoError("invalid_context", `cannot encrypt or decrypt a secret without its ${part}`);
    }
  }
  return Buffer.from(
    JSON.stringify(["windsock-secret", FORMAT_VERSION, ctx.organizationId, ctx.environmentId, ctx.objectType, ctx.objectId, ctx.field]),
    "utf8",
  );
}

/** No copy, so the `fill(0)` below wipes the only plaintext copy of the data key. */
const asBuffer = (b: Uint8Array) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const describe = (ctx: SecretContext) => `${ctx.objectType} ${ctx.objectId} field "${ctx.field}"`;

export async function encryptSecret(kms: KeyManagementService, plaintext: string, ctx: SecretContext): Promise<string> {
  if (typeof plaintext !== "string") throw new TypeError("encryptSecret takes the secret as a string");
  const aad = associatedData(ctx);
  const dataKey = randomBytes(32);
  try {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", dataKey, iv);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    const { keyId, wrappedKey } = await kms.wrapKey(dataKey);
    return formatSealedSecret({ version: 1, keyId, wrappedKey, iv, ciphertext, tag });
  } finally {
    dataKey.fill(0);
  }
}

export async function decryptSecret(kms: KeyManagementService, record: string, ctx: SecretContext): Promise<string> {
  const aad = associatedData(ctx);
  const sealed = parseSealedSecret(record);
  const dataKey = asBuffer(await kms.unwrapKey(sealed.keyId, sealed.wrappedKey));
  try {
    if (dataKey.length !== 32) throw new SecretCryptoError("key_unwrap_failed", `the data key of ${describe(ctx)} is not 32 bytes`, sealed.keyId);
    const decipher = createDecipheriv("aes-256-gcm", dataKey, sealed.iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    try {
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new SecretCryptoError(
        "authentication_failed",
        `cannot decrypt ${describe(ctx)}: the ciphertext does not verify. It was altered, or it belongs to another organization, environment, object or field (encrypted values cannot be copied between rows)`,
        sealed.keyId,
      );
    }
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Re-wraps the data key under the KMS's current master key; iv, ciphertext and tag stay
 * byte for byte. A record already under the current key comes back unchanged, so a
 * rotation run can be repeated or resumed. Needs no context: the wrap is not bound to a row.
 */
export async function rewrapSecret(kms: KeyManagementService, record: string): Promise<string> {
  const sealed = parseSealedSecret(record);
  if (sealed.keyId === kms.currentKeyId) return record;
  const dataKey = asBuffer(await kms.unwrapKey(sealed.keyId, sealed.wrappedKey));
  try {
    const { keyId, wrappedKey } = await kms.wrapKey(dataKey);
    return formatSealedSecret({ ...sealed, keyId, wrappedKey });
  } finally {
    dataKey.fill(0);
  }
}

/** True when `rewrapSecret` would change the record. */
export function needsRewrap(kms: KeyManagementService, record: string): boolean {
  return parseSealedSecret(record).keyId !== kms.currentKeyId;
}
