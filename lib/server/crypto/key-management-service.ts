// Wraps and unwraps data keys with master keys. The local implementation keeps the master
// keys in memory (from configuration); a cloud KMS (AWS KMS, GCP KMS, Vault transit) can
// replace it behind the same interface, mapping our short key ids to its key names.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { SecretCryptoError } from "./crypto-error";
import { resolveMasterKeys, type MasterKeySpec } from "./master-keys";

export interface WrappedKey {
  keyId: string;
  /** Opaque to callers: the KMS decides its layout. */
  wrappedKey: Uint8Array;
}

export interface KeyManagementService {
  /** The key new data keys are wrapped with. */
  readonly currentKeyId: string;
  /** Every key that can unwrap, current first. */
  readonly keyIds: readonly string[];
  wrapKey(dataKey: Uint8Array): Promise<WrappedKey>;
  /** Throws SecretCryptoError "unknown_key" or "key_unwrap_failed". */
  unwrapKey(keyId: string, wrappedKey: Uint8Array): Promise<Uint8Array>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The wrap is bound to its key id, so relabelling a wrapped key with another id fails. */
const wrapAad = (keyId: string) => Buffer.from(`windsock-data-key:v1:${keyId}`, "utf8");

/**
 * AES-256-GCM key wrapping with master keys held in memory. The wrapped key is
 * iv (12 bytes) ‖ encrypted data key (32) ‖ tag (16). Master keys live in a private field:
 * they never show in JSON, util.inspect or error messages.
 */
export class LocalKeyManagementService implements KeyManagementService {
  readonly #keys: Map<string, Buffer>;
  readonly currentKeyId: string;
  readonly keyIds: readonly string[];

  constructor(keys: readonly MasterKeySpec[]) {
    if (keys.length === 0) {
      throw new SecretCryptoError(
        "no_master_key",
        "no master key is configured: set WINDSOCK_MASTER_KEY (32 random bytes in base64; npm start generates one) or WINDSOCK_MASTER_KEYS (\"id:base64,…\", current first)",
      );
    }
    this.#keys = new Map();
    for (const k of keys) {
      const bytes = Buffer.from(k.base64, "base64");
      if (bytes.length !== KEY_BYTES) throw new SecretCryptoError("invalid_master_keys", `master key "${k.id}" is not 32 bytes`, k.id);
      if (this.#keys.has(k.id)) throw new SecretCryptoError("invalid_master_keys", `master key id "${k.id}" is configured twice`, k.id);
      this.#keys.set(k.id, bytes);
    }
    this.currentKeyId = keys[0].id;
    this.keyIds = Object.freeze(keys.map((k) => k.id));
  }

  /** From the parsed configuration (lib/server/env.ts), e.g. `LocalKeyManagementService.fromConfig(env())`. */
  static fromConfig(config: { WINDSOCK_MASTER_KEY?: string; WINDSOCK_MASTER_KEYS?: string }): LocalKeyManagementService {
    const resolved = resolveMasterKeys(config);
    if (!resolved.ok) throw new SecretCryptoError("invalid_master_keys", `the master keys are misconfigured: ${resolved.problems.join("; ")}`);
    return new LocalKeyManagementService(resolved.keys);
  }

  async wrapKey(dataKey: Uint8Array): Promise<WrappedKey> {
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key(keyId), iv);
    cipher.setAAD(wrapAad(keyId));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { keyId, wrappedKey: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  async unwrapKey(keyId: string, wrappedKey: Uint8Array): Promise<Uint8Array> {
    const master = this.#key(keyId);
    const bytes = Buffer.from(wrappedKey);
    if (bytes.length !== IV_BYTES + KEY_BYTES + TAG_BYTES) {
      throw new SecretCryptoError("key_unwrap_failed", `the wrapped data key has the wrong length for master key "${keyId}" (the record was altered or truncated)`, keyId);
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", master, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(wrapAad(keyId));
      decipher.setAuthTag(bytes.subarray(IV_BYTES + KEY_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, IV_BYTES + KEY_BYTES)), decipher.final()]);
    } catch {
      throw new SecretCryptoError(
        "key_unwrap_failed",
        `the wrapped data key does not verify under master key "${keyId}": the record was altered, or the key configured as "${keyId}" is not the one it was written with`,
        keyId,
      );
    }
  }

  #key(keyId: string): Buffer {
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new SecretCryptoError(
        "unknown_key",
        `master key "${keyId}" is not configured (configured: ${this.keyIds.join(", ")}): add it back to WINDSOCK_MASTER_KEYS, after the current key, until \`npm run keys:rotate\` has re-wrapped every secret`,
        keyId,
      );
    }
    return key;
  }

  toJSON() {
    return { kind: "local", currentKeyId: this.currentKeyId, keyIds: this.keyIds };
  }

  toString() {
    return `LocalKeyManagementService(current: ${this.currentKeyId}, keys: ${this.keyIds.join(", ")})`;
  }

  [inspect.custom]() {
    return this.toString();
  }
}
