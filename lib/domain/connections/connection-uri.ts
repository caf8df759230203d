// Airflow's connection URI format (models/connection.py `_parse_from_uri` and `get_uri`,
// 3.1.8), ported line by line: `postgres://user:pass@host:5432/db?param=x`, percent-encoded
// parts, a host that carries its own protocol (`http://https://api.example.com`), and the
// query as `extra` (each value read as JSON when it parses) or one `__extra__` JSON blob.
// Errors never repeat the URI: it usually holds a password.
import { hostnameOf, parseQsl, portOf, pythonJsonDumps, quote, unquote, urlencode, urlsplit, userinfoOf, UrlSplitError, type SplitResult } from "./python-url";

/** A connection in Airflow's own columns. `extra` is JSON text of an object, as Airflow stores it. */
export interface AirflowConnectionFields {
  conn_type: string | null;
  host: string | null;
  login: string | null;
  password: string | null;
  schema: string | null;
  port: number | null;
  extra: string | null;
}

export const EXTRA_KEY = "__extra__";

export class ConnectionUriError extends Error {
  constructor(problem: string) {
    super(`not a valid Airflow connection URI: ${problem}. The format is <conn_type>://<login>:<password>@<host>:<port>/<schema>?<extra param>=<value>, with special characters percent-encoded`);
    this.name = "ConnectionUriError";
  }
}

/** Airflow's `_normalize_conn_type`. */
export function normalizeConnType(connType: string): string {
  if (connType === "postgresql") return "postgres";
  return connType.replace(/-/g, "_");
}

export function parseConnectionUri(uri: string): AirflowConnectionFields {
  try {
    return parse(uri);
  } catch (error) {
    if (error instanceof UrlSplitError) throw new ConnectionUriError(error.message);
    throw error;
  }
}

function parse(uri: string): AirflowConnectionFields {
  const schemes = uri.split("://").length - 1;
  if (schemes === 0) throw new ConnectionUriError("it does not start with <conn_type>://");
  if (schemes > 2) throw new ConnectionUriError(`it contains "://" ${schemes} times (at most twice: the type, and a protocol in the host)`);
  const hostWithProtocol = schemes === 2;
  const connType = urlsplit(uri).scheme;
  if (!connType) throw new ConnectionUriError("it does not start with <conn_type>://");
  // Python's str.replace replaces every occurrence; kept so odd URIs parse as in Airflow.
  const rest = uri.split(`${connType}://`).join(hostWithProtocol ? "" : "//");
  if (hostWithProtocol) {
    const beforeProtocol = rest.split("://")[0];
    if (beforeProtocol.includes("@") || beforeProtocol.includes(":")) {
      throw new ConnectionUriError("login and password go after the host's protocol (http://https://login:password@host)");
    }
  }
  const parts = urlsplit(rest);
  const protocol = hostWithProtocol ? parts.scheme : null;
  const host = hostFromNetloc(parts);
  const quotedSchema = parts.path.slice(1);
  const { username, password } = userinfoOf(parts);
  const result: AirflowConnectionFields = {
    conn_type: normalizeConnType(connType),
    host: protocol && host ? `${protocol}://${host}` : host,
    schema: quotedSchema ? unquote(quotedSchema) : quotedSchema,
    login: username ? unquote(username) : username,
    password: password ? unquote(password) : password,
    port: portOf(parts),
    extra: null,
  };
  if (parts.query) {
    // Null prototype: a "__proto__" parameter is data, not a prototype (dict() semantics: last one wins).
    const query: Record<string, unknown> = Object.create(null);
    for (const [key, value] of parseQsl(parts.query)) query[key] = value;
    if (EXTRA_KEY in query) {
      result.extra = query[EXTRA_KEY] as string;
    } else {
      for (const [key, value] of Object.entries(query)) {
        try {
          query[key] = JSON.parse(value as string);
        } catch {
          // Not JSON: Airflow keeps the text.
        }
      }
      result.extra = pythonJsonDumps(query);
    }
  }
  return result;
}

/** Airflow's `_parse_netloc_to_hostname`: a host may contain an encoded "/" (and keeps its case then). */
function hostFromNetloc(parts: SplitResult): string {
  let hostname = unquote(hostnameOf(parts) ?? "");
  if (hostname.includes("/")) {
    hostname = parts.netloc;
    if (hostname.includes("@")) hostname = hostname.slice(hostname.lastIndexOf("@") + 1);
    if (hostname.includes(":")) hostname = hostname.slice(0, hostname.indexOf(":"));
    hostname = unquote(hostname);
  }
  return hostname;
}

/** Airflow's `get_uri`. */
export function formatConnectionUri(conn: AirflowConnectionFields): string {
  let uri = conn.conn_type ? `${conn.conn_type.toLowerCase().replace(/_/g, "-")}://` : "//";
  let hostToUse = conn.host;
  let protocolToAdd: string | null = null;
  if (conn.host && conn.host.includes("://")) {
    const at = conn.host.indexOf("://");
    const protocol = conn.host.slice(0, at);
    if (protocol !== conn.conn_type) {
      hostToUse = conn.host.slice(at + 3);
      protocolToAdd = protocol;
    }
  }
  if (protocolToAdd) uri += `${protocolToAdd}://`;

  let authority = "";
  if (conn.login !== null) authority += quote(conn.login);
  if (conn.password !== null) authority += ":" + quote(conn.password);
  if (authority) {
    authority += "@";
    uri += authority;
  }

  let hostBlock = "";
  if (hostToUse) hostBlock += quote(hostToUse);
  if (conn.port) hostBlock += hostBlock === "" && authority === "" ? `@:${conn.port}` : `:${conn.port}`;
  if (conn.schema) hostBlock += `/${quote(conn.schema)}`;
  uri += hostBlock;

  if (conn.extra) {
    const extra = extraObject(conn.extra);
    const values = Object.values(extra);
    const canFlatten = values.every((v) => typeof v === "string");
    const query = canFlatten ? urlencode(extra as Record<string, string>) : "";
    const flat = query !== "" && sameStrings(extra as Record<string, string>, parseQsl(query));
    uri += (conn.schema ? "?" : "/?") + (flat ? query : urlencode({ [EXTRA_KEY]: conn.extra }));
  }
  return uri;
}

/** Airflow's `extra_dejson`: JSON text that is not an object reads as {}. */
function extraObject(extra: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(extra);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `extra == dict(parse_qsl(query))` in Python. */
function sameStrings(a: Record<string, string>, pairs: [string, string][]): boolean {
  const b = new Map(pairs);
  const keys = Object.keys(a);
  return keys.length === b.size && keys.every((k) => b.get(k) === a[k]);
}
