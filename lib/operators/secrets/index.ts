// Secrets as a running task sees them: the ports through which it reads connections and
// variables, the masker that keeps their values out of logs, rendered templates and XCom
// views, and the environment-variable implementation used by `windsock dags test`.
export { MaskingWriter, maskingLogger, type MaskingWriterOptions } from "./masking-writer";
export { DEFAULT_MIN_LENGTH, REPLACEMENT, SecretMasker, type SecretMaskerOptions } from "./secret-masker";
export { secretVariants } from "./secret-variants";
