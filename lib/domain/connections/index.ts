// Connections (issue 8), pure: connection types and their typed fields, which fields are
// secret, `connection_id` rules, Airflow's connection URI format, and Airflow's rule for
// which variable keys and extra keys hold secrets.
export {
  exportConnectionUri,
  fromAirflowFields,
  importConnectionUri,
  parseConnection,
  secretEntries,
  toAirflowFields,
  toTaskConnection,
  withoutSecrets,
  CONNECTION_SCHEMAS,
  type Connection,
  type ConnectionProblem,
  type ParsedConnection,
} from "./connection";
export { CONNECTION_ID_MAX_LENGTH, CONNECTION_ID_PATTERN, ConnectionIdSchema, connectionIdProblem } from "./connection-id";
export { CONN_TYPES, CONNECTION_TYPES, connTypeForAirflow, HTTP_AUTH_TYPES, secretFieldsOf, type ConnType, type ConnectionTypeSpec, type FieldSpec } from "./connection-types";
export { ConnectionUriError, EXTRA_KEY, formatConnectionUri, normalizeConnType, parseConnectionUri, type AirflowConnectionFields } from "./connection-uri";
export { pythonJsonDumps, quote, quotePlus } from "./python-url";
export { DEFAULT_SENSITIVE_FIELDS, shouldHideValueForKey } from "./sensitive-keys";
export { applyConnectionPatch, type PatchResult } from "./connection-patch";
export { parseVariable, variableWithoutSecret, VariableInputSchema, VARIABLE_KEY_PATTERN, type ParsedVariable, type Variable } from "./variable";
