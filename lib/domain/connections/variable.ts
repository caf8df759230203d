// Variables (issue 8): key, value (text; `var.json.<key>` reads it as JSON), description,
// and a secret flag that is set automatically when the key looks secret, as Airflow hides
// such variables. A secret variable's value is write-only, like a connection's password.
import { z } from "zod";
import { shouldHideValueForKey } from "./sensitive-keys";

export const VARIABLE_KEY_MAX_LENGTH = 250;
/** Safe in a REST path, an environment variable suffix and `var.value.<key>`; Airflow allows more. */
export const VARIABLE_KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const VARIABLE_VALUE_MAX_CHARS = 1024 * 1024;

export interface Variable {
  key: string;
  value: string;
  description?: string;
  secret: boolean;
}

export const VariableInputSchema = z.strictObject({
  key: z
    .string()
    .min(1, "is required, e.g. s3_bucket")
    .max(VARIABLE_KEY_MAX_LENGTH, `must be at most ${VARIABLE_KEY_MAX_LENGTH} characters`)
    .regex(VARIABLE_KEY_PATTERN, 'may contain only letters, digits, "_", "-" and ".", and must start with a letter, digit or "_"'),
  // JSON values are accepted as such and stored as their JSON text.
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())], { error: "is required: text, or a JSON value" }),
  description: z.string().max(5000).nullable().optional(),
  secret: z.boolean().optional(),
});

export type ParsedVariable = { ok: true; variable: Variable } | { ok: false; problems: { path: string; message: string }[] };

export function parseVariable(input: unknown, extraSensitive: readonly string[] = []): ParsedVariable {
  const r = VariableInputSchema.safeParse(input);
  if (!r.success) {
    return { ok: false, problems: r.error.issues.map((i) => ({ path: i.code === "unrecognized_keys" ? i.keys.join(", ") : i.path.map(String).join("."), message: i.message })) };
  }
  const value = typeof r.data.value === "string" ? r.data.value : JSON.stringify(r.data.value);
  if (value.length > VARIABLE_VALUE_MAX_CHARS) return { ok: false, problems: [{ path: "value", message: `must be at most ${VARIABLE_VALUE_MAX_CHARS} characters` }] };
  const variable: Variable = { key: r.data.key, value, secret: r.data.secret === true || shouldHideValueForKey(r.data.key, extraSensitive) };
  if (r.data.description) variable.description = r.data.description;
  return { ok: true, variable };
}

/** What a reader may see: a secret variable's value is left out, `value_set` says it has one. */
export function variableWithoutSecret(v: Variable): Omit<Variable, "value"> & { value?: string; value_set: boolean } {
  const { value, ...rest } = v;
  return v.secret ? { ...rest, value_set: true } : { ...rest, value, value_set: true };
}
