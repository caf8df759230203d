// The ports through which a running task reads connections and variables. The worker's
// implementation reads the encrypted store and writes an audit event per read (who: the
// DagRun and task; what: the connection or variable); `windsock dags test` reads
// environment variables (env-secrets.ts); tests pass fakes. Values never travel in Temporal
// payloads: the activity calls these ports at run time.
import type { Connection } from "../../domain/connections";

/** Who is reading, for the audit event. */
export interface SecretReader {
  dag_id: string;
  run_id: string;
  task_id: string;
  try_number: number;
}

export interface ConnectionsPort {
  /** The connection, decrypted. Throws ConnectionNotFoundError when the environment has none by that id. */
  getConnection(connection_id: string, reader: SecretReader): Promise<Connection>;
}

export interface StoredVariable {
  value: string;
  /** The variable's secret flag (set when its key looks secret, or by the user). */
  secret: boolean;
}

export interface VariablesPort {
  /** The variable, decrypted when secret; undefined when there is none. */
  getVariable(key: string, reader: SecretReader): Promise<StoredVariable | undefined>;
}

export interface SecretsPorts {
  connections: ConnectionsPort;
  variables: VariablesPort;
}

export class ConnectionNotFoundError extends Error {
  constructor(
    readonly connection_id: string,
    hint = "add it under Connections in this environment",
  ) {
    super(`the connection '${connection_id}' is not defined: ${hint}`);
    this.name = "ConnectionNotFoundError";
  }
}

export class VariableNotFoundError extends Error {
  constructor(
    readonly key: string,
    hint = "add it under Variables in this environment",
  ) {
    super(`the variable '${key}' does not exist: ${hint}`);
    this.name = "VariableNotFoundError";
  }
}

/** A connection or variable that exists but cannot be used (e.g. a malformed environment variable). */
export class SecretConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretConfigError";
  }
}
