// Connections and variables from environment variables, for `windsock dags test` on a
// user's machine, as Airflow reads AIRFLOW_CONN_<CONN_ID> and AIRFLOW_VAR_<KEY>:
//   WINDSOCK_CONN_MY_DB='postgres://user:pass@host:5432/db'   (an Airflow connection URI,
//                                                             or Airflow's JSON form)
//   WINDSOCK_VAR_REGION='eu-central-1'
// The caller passes the environment in (lib/cli reads process.env; nothing here does).
import {
  connectionIdProblem,
  fromAirflowFields,
  importConnectionUri,
  parseConnection,
  type AirflowConnectionFields,
  type Connection,
  type ParsedConnection,
} from "../../domain/connections";
import { ConnectionNotFoundError, SecretConfigError, type SecretsPorts, type StoredVariable } from "./secrets-ports";

export const CONN_PREFIX = "WINDSOCK_CONN_";
export const VAR_PREFIX = "WINDSOCK_VAR_";

/** The variable names tried for an id: upper-cased as Airflow does, then with "-" and "." as "_" (shells cannot export those). */
export function environmentNamesFor(prefix: string, id: string): string[] {
  const upper = prefix + id.toUpperCase();
  const portable = prefix + id.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return upper === portable ? [upper] : [upper, portable];
}

export function environmentSecretsPorts(environment: Readonly<Record<string, string | undefined>>): SecretsPorts {
  const lookup = (prefix: string, id: string): [name: string, value: string] | undefined => {
    for (const name of environmentNamesFor(prefix, id)) {
      const value = environment[name];
      if (value !== undefined && value !== "") return [name, value];
    }
    return undefined;
  };
  return {
    connections: {
      async getConnection(connection_id) {
        const idProblem = connectionIdProblem(connection_id);
        if (idProblem) throw new ConnectionNotFoundError(connection_id, idProblem);
        const found = lookup(CONN_PREFIX, connection_id);
        if (!found) {
          throw new ConnectionNotFoundError(
            connection_id,
            `set ${environmentNamesFor(CONN_PREFIX, connection_id).at(-1)} to an Airflow connection URI, e.g. postgres://user:pass@localhost:5432/db`,
          );
        }
        return connectionFromEnvironment(connection_id, found[0], found[1]);
      },
    },
    variables: {
      async getVariable(key): Promise<StoredVariable | undefined> {
        const found = lookup(VAR_PREFIX, key);
        return found ? { value: found[1], secret: false } : undefined;
      },
    },
  };
}

/** Parses one WINDSOCK_CONN_… value; problems name the variable and the field, never the value. */
export function connectionFromEnvironment(connection_id: string, name: string, value: string): Connection {
  let parsed: ParsedConnection;
  try {
    parsed = value.trim().startsWith("{") ? fromJson(connection_id, value) : importConnectionUri(connection_id, value.trim());
  } catch (error) {
    throw new SecretConfigError(`${name} is not a valid connection: ${(error as Error).message}`);
  }
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join("; ");
    throw new SecretConfigError(`${name} is not a valid connection: ${problems}`);
  }
  return parsed.connection;
}

/** Airflow's JSON form: {"conn_type": "postgres", "host": …, "login": …, "password": …, "port": …, "schema": …, "extra": {…}}. */
function fromJson(connection_id: string, text: string): ParsedConnection {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error("it starts with { but is not valid JSON");
  }
  const str = (k: string) => (typeof data[k] === "string" ? (data[k] as string) : null);
  const extra = data.extra;
  const fields: AirflowConnectionFields = {
    conn_type: str("conn_type"),
    host: str("host"),
    login: str("login"),
    password: str("password"),
    schema: str("schema"),
    port: typeof data.port === "number" ? data.port : typeof data.port === "string" && /^\d+$/.test(data.port) ? Number(data.port) : null,
    extra: typeof extra === "string" ? extra : extra && typeof extra === "object" ? JSON.stringify(extra) : null,
  };
  if (!fields.conn_type) return { ok: false, problems: [{ path: "conn_type", message: "is required in the JSON form" }] };
  const { input, unused } = fromAirflowFields(fields, connection_id);
  if (typeof data.description === "string") input.description = data.description;
  const parsed = parseConnection(input);
  if (unused.length) {
    const problems = unused.map((c) => ({ path: c, message: `is set, but a ${String(input.conn_type)} connection does not use it` }));
    return { ok: false, problems: parsed.ok ? problems : [...problems, ...parsed.problems] };
  }
  return parsed;
}
