// The OpenAPI document (lib/server/openapi) says exactly which REST methods exist: every
// exported method of a route handler under app/api (next-auth's own excepted) has its
// path+method in the document and the document names none that does not exist. Its
// structure holds too: every $ref resolves, every operation has answers and a unique
// operationId, path parameters match the path, schemas use JSON Schema 2020-12's types and
// require only properties they have. (No OpenAPI validator is installed: the only ajv at the
// top of node_modules is eslint's ajv 6, which does not read 2020-12.)
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/server/openapi/openapi-document";
import { registry } from "../../support/entry-points";

/** Routes that are not part of the documented REST API, and why. */
const UNDOCUMENTED = new Set([
  "app/api/auth/[...nextauth]/route.ts", // next-auth's own endpoints, for the web UI's sign-in
]);

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** app/api/v1/environments/[env]/dags/route.ts → /api/v1/environments/{env}/dags */
const toPath = (file: string) =>
  "/" +
  file
    .replace(/^app\//, "")
    .replace(/\/route\.(ts|js)$/, "")
    .split("/")
    .filter((segment) => !/^\(.*\)$/.test(segment)) // route groups are not in the URL
    .map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}"))
    .join("/");

type Json = Record<string, unknown>;
const doc = openApiDocument as unknown as Json & { paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, unknown>> };

function handlerOperations(): Map<string, string> {
  const found = new Map<string, string>();
  for (const e of registry().entries) {
    if (e.kind !== "route" || !e.file.startsWith("app/api/") || UNDOCUMENTED.has(e.file)) continue;
    found.set(`${e.name} ${toPath(e.file)}`, e.file);
  }
  return found;
}

function documentOperations(): Set<string> {
  const ops = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) for (const m of METHODS) if (item[m]) ops.add(`${m.toUpperCase()} ${path}`);
  return ops;
}

function* operations() {
  for (const [path, item] of Object.entries(doc.paths))
    for (const m of METHODS) {
      const op = item[m];
      if (op) yield { key: `${m.toUpperCase()} ${path}`, path, op };
    }
}

/** Every `$ref` in the document with where it was found. */
function refs(node: unknown, at = "#"): { ref: string; at: string }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [{ ref: v, at }] : refs(v, `${at}/${k}`)));
}

function resolve(pointer: string): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  return pointer
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
}

const deref = (p: Json): Json => (typeof p.$ref === "string" ? (resolve(p.$ref) as Json) : p);

describe("the OpenAPI document", () => {
  it("documents every route handler method under app/api", () => {
    const documented = documentOperations();
    const missing = [...handlerOperations()].filter(([key]) => !documented.has(key));
    const message = [
      `${missing.length} route method(s) are not in the OpenAPI document. Add each path+method to lib/server/openapi/paths-*.ts (parameters, body, answers, errors):`,
      ...missing.map(([key, file]) => `  ${key}   (${file})`),
    ].join("\n");
    expect(missing.length, message).toBe(0);
  });

  it("names no path or method that has no route handler", () => {
    const handlers = handlerOperations();
    const stale = [...documentOperations()].filter((key) => !handlers.has(key));
    expect(stale, "operations in lib/server/openapi that match no exported method of an app/api route.ts: remove or fix them").toEqual([]);
  });

  it("is OpenAPI 3.1 with info, paths and components", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it("resolves every $ref", () => {
    const broken = refs(doc).filter(({ ref }) => resolve(ref) === undefined);
    expect(broken, "$refs that point nowhere (add the component or fix the name)").toEqual([]);
  });

  it("gives every operation a unique operationId, tags and at least one answer", () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const { key, op } of operations()) {
      const id = op.operationId;
      if (typeof id !== "string" || !id) problems.push(`${key}: no operationId`);
      else if (seen.has(id)) problems.push(`${key}: operationId ${id} is also ${seen.get(id)}`);
      else seen.set(id, key);
      const responses = op.responses as Json | undefined;
      if (!responses || Object.keys(responses).length === 0) problems.push(`${key}: no responses`);
      if (!Object.keys(responses ?? {}).some((status) => /^2\d\d$/.test(status))) problems.push(`${key}: no 2xx answer`);
      if (!Array.isArray(op.tags) || op.tags.length === 0) problems.push(`${key}: no tags`);
    }
    expect(problems).toEqual([]);
  });

  it("declares each path parameter once, required, and no path parameter the path lacks", () => {
    const problems: string[] = [];
    for (const { key, path, op } of operations()) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const declared = ((op.parameters as Json[] | undefined) ?? []).map(deref).filter((p) => p?.in === "path");
      const names = declared.map((p) => p.name as string);
      for (const name of inPath) if (!names.includes(name)) problems.push(`${key}: path parameter {${name}} is not declared`);
      for (const p of declared) {
        if (!inPath.includes(p.name as string)) problems.push(`${key}: declares path parameter ${String(p.name)} the path does not have`);
        if (p.required !== true) problems.push(`${key}: path parameter ${String(p.name)} must be required`);
      }
      if (new Set(names).size !== names.length) problems.push(`${key}: a path parameter is declared twice`);
    }
    expect(problems).toEqual([]);
  });

  it("answers errors in the shared shape { error: { code, message, details? } }", () => {
    const problems: string[] = [];
    for (const { key, op } of operations())
      for (const [status, answer] of Object.entries(op.responses as Json)) {
        if (!/^[45]\d\d$/.test(status) || key === "GET /api/health") continue;
        const schema = (deref(answer as Json).content as Json | undefined)?.["application/json"] as Json | undefined;
        if ((schema?.schema as Json | undefined)?.$ref !== "#/components/schemas/Error") problems.push(`${key} ${status}: not the Error schema`);
      }
    expect(problems).toEqual([]);
  });

  it("has well-formed schemas: known types, required properties that exist", () => {
    const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
    const problems: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${at}/${i}`));
      if (!node || typeof node !== "object") return;
      const schema = node as Json;
      const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
      for (const t of types) if (typeof t !== "string" || !TYPES.has(t)) problems.push(`${at}: unknown type ${JSON.stringify(t)}`);
      if (Array.isArray(schema.required) && schema.properties && typeof schema.properties === "object") {
        for (const name of schema.required as string[]) if (!Object.hasOwn(schema.properties, name)) problems.push(`${at}: requires ${name}, which is not among its properties`);
      }
      if ("nullable" in schema) problems.push(`${at}: "nullable" is OpenAPI 3.0; write type: [..., "null"]`);
      for (const [k, v] of Object.entries(schema)) if (k !== "example" && k !== "enum" && k !== "const" && k !== "default") walk(v, `${at}/${k}`);
    };
    walk(doc.components.schemas, "#/components/schemas");
    for (const { key, op } of operations()) walk(op, key);
    expect(problems).toEqual([]);
  });

  it("is served without credentials at GET /api/v1/openapi.json, cacheable", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });
});
