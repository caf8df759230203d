// The stored form of one encrypted secret, as one compact string:
//
//   v1.<keyId>.<wrappedKey>.<iv>.<ciphertext>.<tag>
//
// keyId is the master key that wrapped the data key; the other parts are base64url without
// padding. With the local KMS, wrappedKey is iv ‖ encrypted data key ‖ tag of the key wrap.
// The string holds no plaintext and no unwrapped key, so it may be logged or exported.
import { SecretCryptoError } from "./crypto-error";
import { KEY_ID_PATTERN } from "./master-keys";

export const FORMAT_VERSION = 1;

export interface SealedSecret {
  version: 1;
  keyId: string;
  wrappedKey: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

const B64URL = /^[A-Za-z0-9_-]*$/;
const enc = (b: Uint8Array) => Buffer.from(b).toString("base64url");

export function formatSealedSecret(s: SealedSecret): string {
  return [`v${s.version}`, s.keyId, enc(s.wrappedKey), enc(s.iv), enc(s.ciphertext), enc(s.tag)].join(".");
}

export function parseSealedSecret(record: string): SealedSecret {
  if (typeof record !== "string") throw malformed("it is not a string");
  const parts = record.split(".");
  const version = /^v(\d+)$/.exec(parts[0] ?? "");
  if (!version) throw malformed("it does not start with a format version such as \"v1.\"");
  if (Number(version[1]) !== FORMAT_VERSION) {
    throw new SecretCryptoError(
      "unsupported_version",
      `cannot read an encrypted secret in format v${version[1]}: this version of Windsock reads v${FORMAT_VERSION} (was it written by a newer release?)`,
    );
  }
  if (parts.length !== 6) throw malformed(`it has ${parts.length} parts, v1 has 6`);
  const [, keyId, wrappedKey, iv, ciphertext, tag] = parts;
  if (!KEY_ID_PATTERN.test(keyId)) throw malformed("its key id is not valid");
  if (![wrappedKey, iv, ciphertext, tag].every((p) => B64URL.test(p))) throw malformed("a part is not base64url");
  const dec = (p: string) => new Uint8Array(Buffer.from(p, "base64url"));
  const sealed: SealedSecret = { version: 1, keyId, wrappedKey: dec(wrappedKey), iv: dec(iv), ciphertext: dec(ciphertext), tag: dec(tag) };
  if (sealed.iv.length !== 12) throw malformed("its nonce is not 12 bytes");
  if (sealed.tag.length !== 16) throw malformed("its tag is not 16 bytes");
  if (sealed.wrappedKey.length === 0) throw malformed("its wrapped key is empty");
  return sealed;
}

/** Which master key a record needs, without decrypting it (for rotation progress). */
export function keyIdOf(record: string): string {
  return parseSealedSecret(record).keyId;
}

function malformed(why: string) {
  return new SecretCryptoError("malformed_record", `this is not an encrypted Windsock secret: ${why}`);
}
