// The connection types and their typed fields. Each typed field says where it lives in
// Airflow's columns (host, port, login, password, schema) or under which key of `extra`, and
// whether it is secret: secret fields are write-only in the API, encrypted one by one, and
// masked in task logs. One table drives the zod schemas, the secret lists and the mapping
// to and from Airflow's shape (URI import/export).
import { z } from "zod";

export const CONN_TYPES = ["http", "postgres", "mysql", "smtp", "slack", "aws", "gcp", "generic"] as const;
export type ConnType = (typeof CONN_TYPES)[number];

export type Column = "host" | "port" | "login" | "password" | "schema";
export type FieldLocation = { column: Column } | { extra: string };

export interface FieldSpec {
  name: string;
  label: string;
  stored: FieldLocation;
  secret: boolean;
  /** Required in a complete connection (after a PATCH is merged). */
  required?: boolean;
  schema: z.ZodType;
  help?: string;
}

export interface ConnectionTypeSpec {
  conn_type: ConnType;
  label: string;
  /** Airflow conn_type values that import as this type (the first is used on export). */
  airflow_conn_types: readonly string[];
  default_port?: number;
  fields: readonly FieldSpec[];
}

const text = (max = 500) => z.string().max(max, `must be at most ${max} characters`);
const portSchema = z.int("must be a whole number").min(1, "must be 1-65535").max(65535, "must be 1-65535");
const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s/?#]+/i.test(v), "must be an http:// or https:// URL, e.g. https://api.example.com/v1");
const httpsUrl = z
  .string()
  .max(2000)
  .refine((v) => /^https:\/\/[^\s/?#]+/i.test(v), "must be an https:// URL, e.g. https://hooks.slack.com/services/T000/B000/XXXX");
const jsonObjectText = z.string().refine((v) => {
  try {
    const parsed: unknown = JSON.parse(v);
    return !!parsed && typeof parsed === "object" && !Array.isArray(parsed);
  } catch {
    return false;
  }
}, "must be the JSON text of an object (the service account key file's content)");

const col = (column: Column): FieldLocation => ({ column });
const ext = (key: string): FieldLocation => ({ extra: key });

const host = (required = true, label = "Host"): FieldSpec => ({ name: "host", label, stored: col("host"), secret: false, required, schema: text() });
const port: FieldSpec = { name: "port", label: "Port", stored: col("port"), secret: false, schema: portSchema };
const login = (label = "Login"): FieldSpec => ({ name: "login", label, stored: col("login"), secret: false, schema: text(2000) });
const password = (label = "Password"): FieldSpec => ({ name: "password", label, stored: col("password"), secret: true, schema: text(10_000) });
const schemaField = (label = "Schema"): FieldSpec => ({ name: "schema", label, stored: col("schema"), secret: false, schema: text() });

export const HTTP_AUTH_TYPES = ["none", "basic", "bearer", "header"] as const;

export const CONNECTION_TYPES: Record<ConnType, ConnectionTypeSpec> = {
  http: {
    conn_type: "http",
    label: "HTTP",
    airflow_conn_types: ["http", "https"],
    fields: [
      { name: "base_url", label: "Base URL", stored: col("host"), secret: false, required: true, schema: httpUrl, help: "Endpoints of http tasks are relative to it" },
      { name: "auth_type", label: "Authentication", stored: ext("auth_type"), secret: false, schema: z.enum(HTTP_AUTH_TYPES, { error: `must be one of ${HTTP_AUTH_TYPES.join(", ")}` }) },
      login("Username (basic)"),
      password("Password (basic)"),
      { name: "token", label: "Bearer token", stored: ext("token"), secret: true, schema: text(10_000) },
      { name: "header_name", label: "Header name", stored: ext("header_name"), secret: false, schema: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "must be an HTTP header name, e.g. X-API-Key") },
      { name: "header_value", label: "Header value", stored: ext("header_value"), secret: true, schema: text(10_000) },
    ],
  },
  postgres: {
    conn_type: "postgres",
    label: "PostgreSQL",
    airflow_conn_types: ["postgres"],
    default_port: 5432,
    fields: [
      host(),
      port,
      login(),
      password(),
      schemaField("Database"),
      { name: "sslmode", label: "SSL mode", stored: ext("sslmode"), secret: false, schema: z.enum(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]) },
    ],
  },
  mysql: {
    conn_type: "mysql",
    label: "MySQL",
    airflow_conn_types: ["mysql"],
    default_port: 3306,
    fields: [host(), port, login(), password(), schemaField("Database")],
  },
  smtp: {
    conn_type: "smtp",
    label: "SMTP",
    airflow_conn_types: ["smtp"],
    default_port: 587,
    fields: [
      host(),
      port,
      login(),
      password(),
      { name: "from_email", label: "From address", stored: ext("from_email"), secret: false, schema: z.email("must be an email address") },
      { name: "disable_tls", label: "Disable STARTTLS", stored: ext("disable_tls"), secret: false, schema: z.boolean() },
      { name: "disable_ssl", label: "Disable SSL", stored: ext("disable_ssl"), secret: false, schema: z.boolean() },
    ],
  },
  slack: {
    conn_type: "slack",
    label: "Slack incoming webhook",
    airflow_conn_types: ["slack", "slackwebhook"],
    fields: [{ name: "webhook_url", label: "Webhook URL", stored: col("password"), secret: true, required: true, schema: httpsUrl, help: "The URL is the credential: anyone who has it can post" }],
  },
  aws: {
    conn_type: "aws",
    label: "Amazon Web Services",
    airflow_conn_types: ["aws"],
    fields: [
      { name: "aws_access_key_id", label: "Access key id", stored: col("login"), secret: false, schema: text(128) },
      { name: "aws_secret_access_key", label: "Secret access key", stored: col("password"), secret: true, schema: text(1000) },
      { name: "aws_session_token", label: "Session token", stored: ext("aws_session_token"), secret: true, schema: text(10_000) },
      { name: "region_name", label: "Region", stored: ext("region_name"), secret: false, schema: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region, e.g. eu-central-1") },
      { name: "role_arn", label: "Role ARN", stored: ext("role_arn"), secret: false, schema: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "must be an IAM role ARN, e.g. arn:aws:iam::123456789012:role/etl") },
      { name: "endpoint_url", label: "Endpoint URL", stored: ext("endpoint_url"), secret: false, schema: httpUrl },
    ],
  },
  gcp: {
    conn_type: "gcp",
    label: "Google Cloud",
    airflow_conn_types: ["google_cloud_platform", "gcp"],
    fields: [
      { name: "project", label: "Project id", stored: ext("project"), secret: false, schema: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "must be a Google Cloud project id, e.g. my-project-123") },
      { name: "keyfile_dict", label: "Service account key (JSON)", stored: ext("keyfile_dict"), secret: true, schema: jsonObjectText },
      { name: "scope", label: "Scopes", stored: ext("scope"), secret: false, schema: text(2000), help: "Comma-separated OAuth scopes" },
    ],
  },
  generic: {
    conn_type: "generic",
    label: "Generic",
    airflow_conn_types: ["generic"],
    fields: [host(false), port, login(), password(), schemaField()],
  },
};

/** The typed fields of a type that are secret (write-only, encrypted, masked). */
export function secretFieldsOf(connType: ConnType): string[] {
  return CONNECTION_TYPES[connType].fields.filter((f) => f.secret).map((f) => f.name);
}

/** Our type for an Airflow conn_type; unknown types import as `generic`. */
export function connTypeForAirflow(airflowConnType: string | null): ConnType {
  const t = (airflowConnType ?? "").toLowerCase().replace(/-/g, "_");
  for (const spec of Object.values(CONNECTION_TYPES)) if (spec.airflow_conn_types.includes(t)) return spec.conn_type;
  return "generic";
}
