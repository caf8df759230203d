// DAG params as in Airflow's Param: a bare value, or a JSON-schema-like object whose
// `default` is the value. Checks the schema keywords and that the default fits.
import { PARAM_SCHEMA_KEYWORDS } from "./spec";
import { didYouMean } from "./problems";

export interface ParamIssue {
  /** Sub-path under the param, e.g. ["default"] or ["type"]. */
  at: string[];
  message: string;
  hint?: string;
}

const JSON_TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"];

/** An object is a schema when it has `type` or `default` (Airflow's Param(default, type=...)). */
export function looksLikeParamSchema(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    ("type" in (value as object) || "default" in (value as object))
  );
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function fitsType(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  if (t === "number") return actual === "number" || actual === "integer";
  return actual === t;
}

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  "date-time": /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/,
  time: /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/,
  email: /^[^@\s]+@[^@\s]+$/,
};

/** Checks one value against a (small) JSON schema; returns problems as text. */
export function checkValueAgainstSchema(value: unknown, schema: Record<string, unknown>): string[] {
  const out: string[] = [];
  const t = schema.type;
  if (t !== undefined) {
    const types = Array.isArray(t) ? (t as string[]) : [t as string];
    if (!types.some((x) => fitsType(value, x))) {
      out.push(`${JSON.stringify(value)} is not of type ${types.join(" or ")}`);
      return out;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    out.push(`${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) out.push(`${value} is less than the minimum ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) out.push(`${value} is greater than the maximum ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum)
      out.push(`${value} must be greater than ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum)
      out.push(`${value} must be less than ${schema.exclusiveMaximum}`);
  }
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength)
      out.push(`"${value}" is shorter than ${schema.minLength} characters`);
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
      out.push(`string is longer than ${schema.maxLength} characters`);
    if (typeof schema.pattern === "string") {
      try {
        if (!new RegExp(schema.pattern, "u").test(value)) out.push(`"${value}" does not match the pattern ${schema.pattern}`);
      } catch {
        // reported by checkParam
      }
    }
    if (typeof schema.format === "string" && FORMATS[schema.format] && !FORMATS[schema.format].test(value)) {
      out.push(`"${value}" is not a valid ${schema.format}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) out.push(`has fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) out.push(`has more than ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === "object") {
      value.forEach((item, i) => {
        for (const m of checkValueAgainstSchema(item, schema.items as Record<string, unknown>)) out.push(`item ${i}: ${m}`);
      });
    }
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (Array.isArray(schema.required)) {
      for (const r of schema.required as string[]) if (!(r in obj)) out.push(`is missing the required property "${r}"`);
    }
    if (schema.properties && typeof schema.properties === "object") {
      for (const [k, sub] of Object.entries(schema.properties as Record<string, unknown>)) {
        if (k in obj && sub && typeof sub === "object") {
          for (const m of checkValueAgainstSchema(obj[k], sub as Record<string, unknown>)) out.push(`property "${k}": ${m}`);
        }
      }
    }
  }
  return out;
}

/** Checks one entry of `params`. */
export function checkParam(value: unknown): ParamIssue[] {
  if (!looksLikeParamSchema(value)) return [];
  const issues: ParamIssue[] = [];
  for (const key of Object.keys(value)) {
    if (!(PARAM_SCHEMA_KEYWORDS as readonly string[]).includes(key)) {
      issues.push({
        at: [key],
        message: `unknown param schema keyword "${key}"`,
        hint: didYouMean(key, PARAM_SCHEMA_KEYWORDS) ?? `allowed: ${PARAM_SCHEMA_KEYWORDS.join(", ")}`,
      });
    }
  }
  const t = value.type;
  const types = t === undefined ? [] : Array.isArray(t) ? t : [t];
  for (const x of types) {
    if (typeof x !== "string" || !JSON_TYPES.includes(x)) {
      issues.push({
        at: ["type"],
        message: `unknown type ${JSON.stringify(x)}`,
        hint: (typeof x === "string" && didYouMean(x, JSON_TYPES)) || `use one of ${JSON_TYPES.join(", ")}`,
      });
    }
  }
  for (const k of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems"]) {
    if (k in value && typeof value[k] !== "number") issues.push({ at: [k], message: `${k} must be a number` });
  }
  if ("enum" in value && !Array.isArray(value.enum)) issues.push({ at: ["enum"], message: "enum must be a list of allowed values" });
  if (typeof value.pattern === "string") {
    try {
      new RegExp(value.pattern, "u");
    } catch (e) {
      issues.push({ at: ["pattern"], message: `pattern is not a valid regular expression (${(e as Error).message})` });
    }
  }
  if (issues.length === 0 && "default" in value) {
    for (const m of checkValueAgainstSchema(value.default, value)) {
      issues.push({ at: ["default"], message: `default ${m}`, hint: "change the default or the schema so they agree" });
    }
  }
  return issues;
}
