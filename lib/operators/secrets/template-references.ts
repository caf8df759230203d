// Templates render inside the sandbox from data, so the connections and variables a
// template names are read before rendering. Only the ones named are read (each read is
// audited and its values are masked), found by scanning the templated fields for
// `conn.<id>`, `conn['<id>']`, `var.value.<key>`, `var.json.<key>` and their
// `.get('<key>', …)` forms.
import type { TaskSecrets } from "./task-secrets";

export interface SecretReferences {
  connections: string[];
  values: string[];
  jsons: string[];
  /** Keys read with `.get(key, default)`: a missing one is not an error. */
  optional: string[];
}

const NAME = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const QUOTED = String.raw`(?:'([^'\\]+)'|"([^"\\]+)")`;
const PATTERN = new RegExp(
  String.raw`\b(conn|var\.value|var\.json)\s*(?:\.\s*get\s*\(\s*${QUOTED}|\.\s*(${NAME})|\[\s*${QUOTED}\s*\])`,
  "g",
);

export function findSecretReferences(fields: unknown): SecretReferences {
  const refs = { connections: new Set<string>(), values: new Set<string>(), jsons: new Set<string>(), optional: new Set<string>() };
  const visit = (value: unknown, depth: number) => {
    if (depth > 64) return;
    if (typeof value === "string") {
      if (!value.includes("{")) return;
      for (const m of value.matchAll(PATTERN)) {
        const viaGet = m[2] ?? m[3];
        const name = viaGet ?? m[4] ?? m[5] ?? m[6];
        if (!name || (name === "get" && !viaGet)) continue;
        const target = m[1] === "conn" ? refs.connections : m[1] === "var.value" ? refs.values : refs.jsons;
        target.add(name);
        if (viaGet) refs.optional.add(`${m[1]}:${name}`);
      }
    } else if (Array.isArray(value)) value.forEach((v) => visit(v, depth + 1));
    else if (value && typeof value === "object") Object.values(value).forEach((v) => visit(v, depth + 1));
  };
  visit(fields, 0);
  return { connections: [...refs.connections], values: [...refs.values], jsons: [...refs.jsons], optional: [...refs.optional] };
}

/**
 * The `conn` and `var` parts of the template context for these fields. A named connection
 * or variable that does not exist fails the render with a message naming it, except one
 * read through `.get(key, default)`.
 */
export async function resolveTemplateSecrets(
  fields: unknown,
  secrets: TaskSecrets,
): Promise<{ conn: Record<string, unknown>; var: { value: Record<string, string>; json: Record<string, unknown> } }> {
  const refs = findSecretReferences(fields);
  const optional = new Set(refs.optional);
  const conn: Record<string, unknown> = {};
  const value: Record<string, string> = {};
  const json: Record<string, unknown> = {};
  const missingOk = (kind: string, key: string, error: unknown) => {
    if (optional.has(`${kind}:${key}`) && (error as Error).name.endsWith("NotFoundError")) return;
    throw error;
  };
  await Promise.all([
    ...refs.connections.map((id) => secrets.connection(id).then((c) => void (conn[id] = c), (e) => missingOk("conn", id, e))),
    ...refs.values.map((k) => secrets.variable(k).then((v) => void (value[k] = v), (e) => missingOk("var.value", k, e))),
    ...refs.jsons.map((k) => secrets.jsonVariable(k).then((v) => void (json[k] = v), (e) => missingOk("var.json", k, e))),
  ]);
  return { conn, var: { value, json } };
}
