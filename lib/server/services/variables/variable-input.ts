// The request bodies of the variables routes: Airflow's `key`, `value`, `description`, plus
// `is_secret` (also set automatically when the key looks secret, as Airflow hides such
// variables). Problems map field -> message, every one named.
import { parseVariable, shouldHideValueForKey, type Variable } from "../../../domain/connections";
import { AppError } from "../../errors";
import { MASKED_VALUE } from "./variable-store";

const FIELDS = new Set(["key", "value", "description", "is_secret"]);

function unknownFields(body: Record<string, unknown>): Record<string, string> {
  const details: Record<string, string> = {};
  for (const k of Object.keys(body)) if (!FIELDS.has(k)) details[k] = "is not a field of a variable (its fields: key, value, description, is_secret)";
  return details;
}

function invalid(details: Record<string, string>): AppError {
  return new AppError("unprocessable", "The variable is invalid.", details);
}

function parse(input: Record<string, unknown>, extra: Record<string, string>): Variable {
  const details = { ...extra };
  if (input.is_secret !== undefined && typeof input.is_secret !== "boolean") details.is_secret = "must be true or false";
  if (input.is_secret === false && shouldHideValueForKey(input.key)) {
    details.is_secret = "cannot be false: a key containing a word such as password, secret, token or api_key always holds a secret value";
  }
  const parsed = parseVariable({
    key: input.key,
    value: input.value,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(typeof input.is_secret === "boolean" ? { secret: input.is_secret } : {}),
  });
  if (!parsed.ok) for (const p of parsed.problems) details[p.path || "variable"] ??= p.message;
  if (Object.keys(details).length) throw invalid(details);
  if (!parsed.ok) throw invalid({ variable: "is invalid" });
  return parsed.variable;
}

export function parseCreateVariable(body: Record<string, unknown>): Variable {
  return parse(body, unknownFields(body));
}

export interface StoredVariableState {
  key: string;
  description: string;
  isSecret: boolean;
  /** Plain value; null for a secret variable (it is not decrypted to apply a patch). */
  plainValue: string | null;
}

/**
 * PATCH: a field left out keeps its value, `null` clears `description`. A secret value is
 * never needed to apply a patch: it stays sealed unless `value` is sent again.
 */
export function parsePatchVariable(stored: StoredVariableState, patch: Record<string, unknown>): { variable: Omit<Variable, "value">; value: string | undefined } {
  const details = unknownFields(patch);
  if ("key" in patch && patch.key !== stored.key) details.key = "cannot be changed: create a new variable and delete this one";
  if (patch.value === null) details.value = "cannot be null: a variable needs a value (delete the variable instead)";
  const nextSecret = typeof patch.is_secret === "boolean" ? patch.is_secret : stored.isSecret;
  if (stored.isSecret && patch.value === MASKED_VALUE) {
    details.value = `is "${MASKED_VALUE}", the mask GET shows for a secret value: send the real value, or leave value out to keep it`;
  }
  if (stored.isSecret && !nextSecret && patch.value === undefined) details.value = "is required to make a secret variable plain: send its value again";
  if (Object.keys(details).length) throw invalid(details);
  const description = patch.description === undefined ? stored.description : patch.description;
  const value = patch.value !== undefined ? patch.value : (stored.plainValue ?? "placeholder");
  const variable = parse({ key: stored.key, value, description, is_secret: nextSecret }, {});
  const sentValue = patch.value !== undefined || (!stored.isSecret && stored.plainValue !== null);
  const { value: parsedValue, ...rest } = variable;
  return { variable: rest, value: sentValue ? parsedValue : undefined };
}
