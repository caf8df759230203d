// How each typed connection field is edited in the form (the domain table says which
// fields exist and which are secret; this says which control fits).
import { CONNECTION_TYPES, HTTP_AUTH_TYPES, type ConnType, type FieldSpec } from "@/lib/domain/connections";

export type FieldKind = { kind: "text" | "number" | "url" | "textarea" | "checkbox" } | { kind: "select"; options: { value: string; label: string }[] };

const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];
const AUTH_LABELS: Record<(typeof HTTP_AUTH_TYPES)[number], string> = { none: "None", basic: "Basic (username and password)", bearer: "Bearer token", header: "Custom header" };

export function kindOf(field: FieldSpec): FieldKind {
  switch (field.name) {
    case "port":
      return { kind: "number" };
    case "disable_tls":
    case "disable_ssl":
      return { kind: "checkbox" };
    case "auth_type":
      return { kind: "select", options: HTTP_AUTH_TYPES.map((v) => ({ value: v, label: AUTH_LABELS[v] })) };
    case "sslmode":
      return { kind: "select", options: [{ value: "", label: "Default (prefer)" }, ...SSL_MODES.map((v) => ({ value: v, label: v }))] };
    case "keyfile_dict":
      return { kind: "textarea" };
    case "base_url":
    case "webhook_url":
    case "endpoint_url":
      return { kind: "url" };
    default:
      return { kind: "text" };
  }
}

/** http: which fields each auth type uses; the others are cleared on save. */
export const HTTP_AUTH_FIELDS: Record<string, string[]> = {
  none: [],
  basic: ["login", "password"],
  bearer: ["token"],
  header: ["header_name", "header_value"],
};
const HTTP_AUTH_ALL = ["login", "password", "token", "header_name", "header_value"];

/** Whether the form shows a field, given the chosen http auth type. */
export function isFieldShown(connType: ConnType, field: string, authType: string | undefined): boolean {
  if (connType !== "http" || !HTTP_AUTH_ALL.includes(field)) return true;
  return (HTTP_AUTH_FIELDS[authType ?? "none"] ?? []).includes(field);
}

export const fieldsOf = (connType: ConnType) => CONNECTION_TYPES[connType].fields;
