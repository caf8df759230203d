// A connection as the API takes it: Airflow's field names (connection_id, conn_type,
// description, extra) plus the typed fields of its type, flat. Validation names every
// problem; mapping to and from Airflow's columns serves URI import/export and the
// `conn.<id>` object that tasks see.
import { z } from "zod";
import { ConnectionIdSchema } from "./connection-id";
import { CONN_TYPES, CONNECTION_TYPES, connTypeForAirflow, HTTP_AUTH_TYPES, type Column, type ConnType, type ConnectionTypeSpec } from "./connection-types";
import { formatConnectionUri, parseConnectionUri, type AirflowConnectionFields } from "./connection-uri";
import { pythonJsonDumps } from "./python-url";
import { shouldHideValueForKey } from "./sensitive-keys";

/** A validated connection: only the fields that are set. */
export interface Connection {
  connection_id: string;
  conn_type: ConnType;
  description?: string;
  /** Extra keys beyond the typed fields. */
  extra?: Record<string, unknown>;
  [typedField: string]: unknown;
}

export interface ConnectionProblem {
  /** Field path, e.g. "password", "extra.token"; "" for the whole object. */
  path: string;
  message: string;
}

export type ParsedConnection = { ok: true; connection: Connection } | { ok: false; problems: ConnectionProblem[] };

const EXTRA_MAX_CHARS = 64 * 1024;

function schemaFor(spec: ConnectionTypeSpec) {
  const shape: Record<string, z.ZodType> = {
    connection_id: ConnectionIdSchema,
    conn_type: z.literal(spec.conn_type),
    description: z.string().max(5000, "must be at most 5000 characters").nullable().optional(),
    extra: z.record(z.string(), z.unknown(), { error: "must be a JSON object" }).nullable().optional(),
  };
  for (const f of spec.fields) shape[f.name] = f.schema.nullable().optional();
  const accepted = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `not a field of a ${spec.conn_type} connection (its fields: ${accepted})` : undefined),
  });
}

/** One zod schema per type (shape only; `parseConnection` adds the checks across fields). */
export const CONNECTION_SCHEMAS = Object.fromEntries(CONN_TYPES.map((t) => [t, schemaFor(CONNECTION_TYPES[t])])) as Record<ConnType, ReturnType<typeof schemaFor>>;

/**
 * Validates a complete connection (a create, or a PATCH already merged with the stored
 * row) and normalizes it: nulls and empty strings are dropped, `extra` {} is dropped.
 */
export function parseConnection(input: unknown): ParsedConnection {
  if (!input || typeof input !== "object" || Array.isArray(input)) return fail("", "must be a JSON object with connection_id and conn_type");
  const connType = (input as { conn_type?: unknown }).conn_type;
  if (typeof connType !== "string" || !(CONN_TYPES as readonly string[]).includes(connType)) {
    return fail("conn_type", `must be one of ${CONN_TYPES.join(", ")}`);
  }
  const spec = CONNECTION_TYPES[connType as ConnType];
  const result = CONNECTION_SCHEMAS[spec.conn_type].safeParse(input);
  const problems: ConnectionProblem[] = result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.code === "unrecognized_keys" ? i.keys.join(", ") : i.path.map(String).join("."), message: i.message }));
  if (!result.success) {
    // Name every problem at once: required fields left out, beside the shape problems.
    const raw = input as Record<string, unknown>;
    for (const f of spec.fields) {
      const missing = raw[f.name] === undefined || raw[f.name] === null || raw[f.name] === "";
      if (f.required && missing && !problems.some((p) => p.path === f.name)) problems.push({ path: f.name, message: `is required for a ${spec.conn_type} connection` });
    }
    return { ok: false, problems };
  }

  const data = result.data as Record<string, unknown>;
  const connection: Connection = { connection_id: data.connection_id as string, conn_type: spec.conn_type };
  if (typeof data.description === "string" && data.description !== "") connection.description = data.description;
  for (const f of spec.fields) {
    const v = data[f.name];
    if (v !== null && v !== undefined && v !== "") connection[f.name] = v;
    else if (f.required) problems.push({ path: f.name, message: `is required for a ${spec.conn_type} connection` });
  }
  const extra = data.extra as Record<string, unknown> | null | undefined;
  if (extra && Object.keys(extra).length) {
    for (const f of spec.fields) {
      if ("extra" in f.stored && f.stored.extra in extra) {
        problems.push({ path: `extra.${f.stored.extra}`, message: `set "${f.name}" as its own field, not inside extra` });
      }
    }
    if (JSON.stringify(extra).length > EXTRA_MAX_CHARS) problems.push({ path: "extra", message: `must be at most ${EXTRA_MAX_CHARS} characters of JSON` });
    connection.extra = extra;
  }
  if (spec.conn_type === "http") problems.push(...checkHttpAuth(connection));
  return problems.length ? { ok: false, problems } : { ok: true, connection };
}

function checkHttpAuth(c: Connection): ConnectionProblem[] {
  const auth = (c.auth_type as (typeof HTTP_AUTH_TYPES)[number] | undefined) ?? "none";
  const need = (field: string, why: string): ConnectionProblem[] => (c[field] === undefined ? [{ path: field, message: `is required when ${why}` }] : []);
  switch (auth) {
    case "basic":
      return [...need("login", 'auth_type is "basic"'), ...need("password", 'auth_type is "basic"')];
    case "bearer":
      return need("token", 'auth_type is "bearer"');
    case "header":
      return [...need("header_name", 'auth_type is "header"'), ...need("header_value", 'auth_type is "header"')];
    default:
      return [];
  }
}

const fail = (path: string, message: string): ParsedConnection => ({ ok: false, problems: [{ path, message }] });

/** The secret values a connection holds, by field path ("password", "extra.api_key"). */
export function secretEntries(c: Connection, extraSensitive: readonly string[] = []): [path: string, value: unknown][] {
  const spec = CONNECTION_TYPES[c.conn_type];
  const out: [string, unknown][] = [];
  for (const f of spec.fields) if (f.secret && c[f.name] !== undefined) out.push([f.name, c[f.name]]);
  for (const [k, v] of Object.entries(c.extra ?? {})) if (shouldHideValueForKey(k, extraSensitive)) out.push([`extra.${k}`, v]);
  return out;
}

/**
 * What a reader may see: the connection without secret values (typed secret fields and
 * extra keys that look secret), and `secrets_set` naming those that are set.
 */
export function withoutSecrets(c: Connection, extraSensitive: readonly string[] = []): { connection: Connection; secrets_set: string[] } {
  const secrets = secretEntries(c, extraSensitive).map(([path]) => path);
  const connection: Connection = { ...c };
  const extra = { ...(c.extra ?? {}) };
  for (const path of secrets) {
    if (path.startsWith("extra.")) delete extra[path.slice(6)];
    else delete connection[path];
  }
  if (Object.keys(extra).length) connection.extra = extra;
  else delete connection.extra;
  return { connection, secrets_set: secrets };
}

/** Airflow's columns for a connection (`extra` as the JSON text Airflow would store). */
export function toAirflowFields(c: Connection): AirflowConnectionFields & { conn_id: string; description: string | null } {
  const spec = CONNECTION_TYPES[c.conn_type];
  const columns: Record<Column, unknown> = { host: null, port: null, login: null, password: null, schema: null };
  const typedExtra: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const v = c[f.name];
    if (v === undefined) continue;
    if ("column" in f.stored) columns[f.stored.column] = v;
    else typedExtra[f.stored.extra] = v;
  }
  const extra = { ...typedExtra, ...(c.extra ?? {}) };
  return {
    conn_id: c.connection_id,
    conn_type: spec.airflow_conn_types[0],
    description: c.description ?? null,
    host: columns.host as string | null,
    port: columns.port as number | null,
    login: columns.login as string | null,
    password: columns.password as string | null,
    schema: columns.schema as string | null,
    extra: Object.keys(extra).length ? pythonJsonDumps(extra) : null,
  };
}

/**
 * The API input for Airflow's columns, before validation. Values our type has no field for
 * are listed in `unused`, so an import can say what it would drop instead of dropping it.
 */
export function fromAirflowFields(a: AirflowConnectionFields, connection_id: string): { input: Record<string, unknown>; unused: string[] } {
  const conn_type = connTypeForAirflow(a.conn_type);
  const spec = CONNECTION_TYPES[conn_type];
  const columns: Record<Column, unknown> = { host: a.host || null, port: a.port || null, login: a.login || null, password: a.password || null, schema: a.schema || null };
  let extra: Record<string, unknown> = {};
  if (a.extra) {
    try {
      const parsed: unknown = JSON.parse(a.extra);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) extra = { ...(parsed as Record<string, unknown>) };
    } catch {
      // Not an object: reported as unused below.
    }
    if (!Object.keys(extra).length && a.extra.trim() !== "{}") return { input: { connection_id, conn_type }, unused: ["extra (not a JSON object)"] };
  }
  const input: Record<string, unknown> = { connection_id, conn_type };
  if (conn_type === "http") adaptAirflowHttp(columns);
  if (conn_type === "slack") adaptAirflowSlackWebhook(columns);
  for (const f of spec.fields) {
    if ("column" in f.stored) {
      const v = columns[f.stored.column];
      if (v !== null) input[f.name] = v;
      columns[f.stored.column] = null;
    } else if (f.stored.extra in extra) {
      input[f.name] = coerceToField(f.schema, extra[f.stored.extra]);
      delete extra[f.stored.extra];
    }
  }
  if (Object.keys(extra).length) input.extra = extra;
  const unused = (Object.keys(columns) as Column[]).filter((k) => columns[k] !== null);
  return { input, unused };
}

/**
 * Airflow reads each URI parameter as JSON when it parses, so a string field may arrive as a
 * number, boolean or object ("12345", a key file) and a boolean field as text. Take the
 * first reading the field accepts; otherwise keep the value, and validation says why.
 */
function coerceToField(schema: z.ZodType, value: unknown): unknown {
  const readings: unknown[] = [value];
  if (typeof value === "string") {
    try {
      readings.push(JSON.parse(value));
    } catch {
      // Text only.
    }
  } else if (value !== null && typeof value === "object") readings.push(pythonJsonDumps(value));
  else if (value !== null && value !== undefined) readings.push(String(value));
  return readings.find((r) => schema.safeParse(r).success) ?? value;
}

/** Airflow's HttpHook: base URL = host when it has a protocol, else schema (default http) + host; then ":port". */
function adaptAirflowHttp(columns: Record<Column, unknown>) {
  const hostValue = columns.host as string | null;
  if (!hostValue) return;
  let base = hostValue.includes("://") ? hostValue : `${(columns.schema as string | null) || "http"}://${hostValue}`;
  if (columns.port) base += `:${columns.port}`;
  if (!hostValue.includes("://")) columns.schema = null;
  columns.host = base;
  columns.port = null;
}

/** Airflow's SlackWebhookHook: the password is the full URL, or the token after the host (default hooks.slack.com/services). */
function adaptAirflowSlackWebhook(columns: Record<Column, unknown>) {
  const token = columns.password as string | null;
  if (!token || /^https?:\/\//i.test(token)) {
    if (token && columns.host) columns.host = null;
    return;
  }
  const hostValue = ((columns.host as string | null) || "https://hooks.slack.com/services").replace(/\/+$/, "");
  columns.password = `${hostValue.includes("://") ? hostValue : `https://${hostValue}`}/${token.replace(/^\/+/, "")}`;
  columns.host = null;
}

/** Imports an Airflow connection URI as a connection of ours (validated). */
export function importConnectionUri(connection_id: string, uri: string): ParsedConnection {
  const { input, unused } = fromAirflowFields(parseConnectionUri(uri), connection_id);
  const parsed = parseConnection(input);
  const unusedProblems = unused.map((column) => ({ path: column, message: `the URI sets ${column}, which a ${String(input.conn_type)} connection does not use` }));
  if (!parsed.ok) return { ok: false, problems: [...unusedProblems, ...parsed.problems] };
  return unusedProblems.length ? { ok: false, problems: unusedProblems } : parsed;
}

/** Exports a connection as an Airflow URI without its secrets. */
export function exportConnectionUri(c: Connection, extraSensitive: readonly string[] = []): string {
  return formatConnectionUri(toAirflowFields(withoutSecrets(c, extraSensitive).connection));
}

/**
 * The object a running task sees as `conn.<id>` in templates and `await ctx.conn(id)` in
 * scripts: Airflow's attributes (host, login, password, schema, port, extra, extra_dejson,
 * conn_type, conn_id, description) plus this type's typed fields.
 */
export function toTaskConnection(c: Connection): Record<string, unknown> {
  const a = toAirflowFields(c);
  const view: Record<string, unknown> = {
    conn_id: a.conn_id,
    conn_type: c.conn_type,
    description: a.description,
    host: a.host,
    port: a.port,
    login: a.login,
    password: a.password,
    schema: a.schema,
    extra: a.extra,
    extra_dejson: a.extra ? JSON.parse(a.extra) : {},
  };
  for (const f of CONNECTION_TYPES[c.conn_type].fields) if (!(f.name in view)) view[f.name] = c[f.name] ?? null;
  return view;
}
