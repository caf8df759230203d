// Secret encryption for connections and variables (issue 8): envelope encryption with
// AES-256-GCM, master keys from configuration, a KMS interface, rotation by re-wrapping.
export { SecretCryptoError, type SecretCryptoErrorReason } from "./crypto-error";
export { decryptSecret, encryptSecret, needsRewrap, rewrapSecret, type SecretContext } from "./envelope";
export { LocalKeyManagementService, type KeyManagementService, type WrappedKey } from "./key-management-service";
export { LEGACY_KEY_ID, parseMasterKeyList, resolveMasterKeys, type MasterKeySpec } from "./master-keys";
export { FORMAT_VERSION, formatSealedSecret, keyIdOf, parseSealedSecret, type SealedSecret } from "./sealed-secret";
export { rotateRecords, type RecordRef, type RotationReport } from "./rotate-records";
