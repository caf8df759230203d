// Checks a real answer against what the OpenAPI document (lib/server/openapi) promises for
// that path, method and status. A small JSON Schema subset, the one the document uses
// ($ref, type, properties, required, additionalProperties, items, enum, const, allOf,
// oneOf/anyOf, minItems), and stricter in one way: an answer may not carry a field the
// document does not name (unless it says the object is open). No validator for 2020-12 is installed (eslint's ajv is 6).
import { openApiDocument } from "../../lib/server/openapi/openapi-document";

type Json = Record<string, unknown>;
const doc = openApiDocument as unknown as Json;

function resolve(pointer: string): Json {
  const found = pointer
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
  if (!found) throw new Error(`unresolvable $ref ${pointer}`);
  return found as Json;
}

function namedProperties(schema: Json): Json {
  const s = typeof schema.$ref === "string" ? resolve(schema.$ref) : schema;
  return { ...((s.properties ?? {}) as Json), ...Object.assign({}, ...((s.allOf ?? []) as Json[]).map(namedProperties)) };
}

const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);

/** The problems of `value` against `schema`; empty when it conforms. */
export function schemaProblems(schema: Json, value: unknown, at = "body", closed = true): string[] {
  if (typeof schema.$ref === "string") return schemaProblems(resolve(schema.$ref), value, at, closed);
  const problems: string[] = [];
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === "integer" && types.includes("number"))) return [`${at}: is ${actual}, expected ${types.join(" or ")}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ("const" in schema && schema.const !== value) problems.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  // The parts of an allOf each name some properties: the whole is checked for unknown ones below.
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Json[]) problems.push(...schemaProblems(s, value, at, false));
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key] as Json[] | undefined;
    if (options && !options.some((s) => schemaProblems(s, value, at).length === 0)) problems.push(`${at}: matches none of ${key}`);
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const object = value as Json;
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const named = new Set([...Object.keys(properties), ...((schema.allOf ?? []) as Json[]).flatMap((part) => Object.keys(namedProperties(part)))]);
    // An answer's field the document does not name is a problem unless the schema leaves
    // the object open (additionalProperties: true, or a schema with no properties at all).
    const open = schema.additionalProperties === true || (schema.additionalProperties === undefined && (!closed || named.size === 0));
    for (const name of (schema.required ?? []) as string[]) if (!Object.hasOwn(object, name)) problems.push(`${at}: lacks ${name}`);
    for (const [name, v] of Object.entries(object)) {
      if (properties[name]) problems.push(...schemaProblems(properties[name], v, `${at}.${name}`));
      else if (!open && !named.has(name)) problems.push(`${at}: has ${name}, which the document does not name`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((v, i) => problems.push(...schemaProblems(schema.items as Json, v, `${at}[${i}]`)));
  }
  return problems;
}

/**
 * The problems of an answer: the document must list this status for the path and method,
 * and a JSON body must fit its schema (a 204 must have none).
 */
export function answerProblems(method: string, path: string, status: number, body: unknown): string[] {
  const item = (doc.paths as Record<string, Json>)[path];
  const op = item?.[method.toLowerCase()] as Json | undefined;
  if (!op) return [`${method} ${path} is not in the document`];
  let response = (op.responses as Json)[String(status)] as Json | undefined;
  if (!response) return [`${method} ${path} answered ${status}, which the document does not list (it lists ${Object.keys(op.responses as Json).join(", ")})`];
  if (typeof response.$ref === "string") response = resolve(response.$ref);
  const content = response.content as Record<string, Json> | undefined;
  if (!content) return body === null || body === "" ? [] : [`${method} ${path} ${status}: the document says no body, the answer has one`];
  const schema = (content["application/json"] ?? content["text/plain"])?.schema as Json | undefined;
  return schema ? schemaProblems(schema, body).map((p) => `${method} ${path} ${status}: ${p}`) : [];
}

/** The problems of a JSON request body against the operation's requestBody schema. */
export function requestProblems(method: string, path: string, body: unknown): string[] {
  const op = ((doc.paths as Record<string, Json>)[path]?.[method.toLowerCase()] ?? {}) as Json;
  const requestBody = op.requestBody as Json | undefined;
  if (!requestBody) return [`${method} ${path}: the route read a body the document does not describe`];
  const schema = ((requestBody.content as Record<string, Json>)["application/json"]?.schema ?? null) as Json | null;
  return schema ? schemaProblems(schema, body).map((p) => `${method} ${path}: ${p}`) : [];
}
