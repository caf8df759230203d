// Turns the connection form's fields into the API's JSON body: typed values, empty
// fields left out on create; on edit an emptied field becomes null (cleared) while an
// empty secret field is left out (kept) unless its "clear" box is ticked.
import { CONN_TYPES, CONNECTION_TYPES, type ConnType } from "@/lib/domain/connections";
import { isFieldShown, kindOf } from "./_components/field-kinds";

export type FormBody = { ok: true; body: Record<string, unknown> } | { ok: false; fields: Record<string, string> };

export function connectionBodyFromForm(form: FormData, mode: "create" | "edit"): FormBody {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const connType = text("conn_type") as ConnType;
  const body: Record<string, unknown> = {};
  if (mode === "create") body.connection_id = text("connection_id").trim();
  if (!(CONN_TYPES as readonly string[]).includes(connType)) return { ok: false, fields: { conn_type: `Choose one of ${CONN_TYPES.join(", ")}.` } };
  body.conn_type = connType;
  const description = text("description").trim();
  if (description) body.description = description;
  else if (mode === "edit") body.description = null;

  const authType = text("f.auth_type") || undefined;
  for (const field of CONNECTION_TYPES[connType].fields) {
    const raw = text(`f.${field.name}`);
    const kind = kindOf(field).kind;
    if (!isFieldShown(connType, field.name, authType)) {
      if (mode === "edit") body[field.name] = null;
      continue;
    }
    if (field.secret) {
      if (form.get(`clear.${field.name}`) === "on") body[field.name] = null;
      else if (raw !== "") body[field.name] = raw;
      continue;
    }
    if (kind === "checkbox") {
      if (form.get(`f.${field.name}`) === "on") body[field.name] = true;
      else if (mode === "edit") body[field.name] = null;
      continue;
    }
    const value = raw.trim();
    if (value === "") {
      if (mode === "edit") body[field.name] = null;
      continue;
    }
    body[field.name] = kind === "number" && /^\d+$/.test(value) ? Number(value) : value;
  }

  const extra = text("extra").trim();
  if (extra) {
    try {
      const parsed: unknown = JSON.parse(extra);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, fields: { extra: 'Must be a JSON object, e.g. {"timeout": 30}.' } };
      body.extra = parsed;
    } catch {
      return { ok: false, fields: { extra: 'Not valid JSON. Write an object, e.g. {"timeout": 30}.' } };
    }
  } else if (mode === "edit") {
    // Keys that look secret are kept by the PATCH rules; the others are cleared.
    body.extra = {};
  }
  return { ok: true, body };
}
