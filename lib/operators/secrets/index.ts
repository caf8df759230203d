// Secrets as a running task sees them: the ports through which it reads connections and
// variables, the masker that keeps their values out of logs, rendered templates and XCom
// views, and the environment-variable implementation used by `windsock dags test`.
export { CONN_PREFIX, connectionFromEnvironment, environmentNamesFor, environmentSecretsPorts, VAR_PREFIX } from "./env-secrets";
export { MaskingWriter, maskingLogger, type MaskingWriterOptions } from "./masking-writer";
export { DEFAULT_MIN_LENGTH, REPLACEMENT, SecretMasker, type SecretMaskerOptions } from "./secret-masker";
export { secretVariants } from "./secret-variants";
export {
  ConnectionNotFoundError,
  SecretConfigError,
  VariableNotFoundError,
  type ConnectionsPort,
  type SecretReader,
  type SecretsPorts,
  type StoredVariable,
  type VariablesPort,
} from "./secrets-ports";
export { TaskSecrets } from "./task-secrets";
export { findSecretReferences, resolveTemplateSecrets, type SecretReferences } from "./template-references";
