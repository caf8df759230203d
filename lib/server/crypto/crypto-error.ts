// The one error type of secret encryption. Messages name key ids, objects and fields so an
// operator can act on them, and never carry key material or plaintext.

export type SecretCryptoErrorReason =
  | "no_master_key" // nothing configured
  | "invalid_master_keys" // the configured list is malformed
  | "malformed_record" // not a record this code wrote
  | "unsupported_version" // written by a newer format
  | "unknown_key" // wrapped under a master key that is not configured
  | "key_unwrap_failed" // the wrapped data key does not verify under its master key
  | "authentication_failed" // the ciphertext does not verify under this context
  | "invalid_context"; // an empty organization / environment / object / field

export class SecretCryptoError extends Error {
  constructor(
    readonly reason: SecretCryptoErrorReason,
    message: string,
    /** The master key id involved, when there is one (ids are not secret). */
    readonly keyId?: string,
  ) {
    super(message);
    this.name = "SecretCryptoError";
  }
}
