// `limit` and `offset` of the connections and variables lists, as Airflow's REST API pages.
import { z } from "zod";
import { AppError } from "../../errors";

export const LIST_DEFAULT_LIMIT = 100;
export const LIST_MAX_LIMIT = 1000;

const whole = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number.`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}.`).max(max, `${name} must be at most ${max}.`));

export const ZListQuerySchema = z.object({
  limit: whole("limit", 1, LIST_MAX_LIMIT).default(LIST_DEFAULT_LIMIT),
  offset: whole("offset", 0, Number.MAX_SAFE_INTEGER).default(0),
});
export type ListQuery = z.output<typeof ZListQuerySchema>;

export function parseListQuery(params: URLSearchParams): ListQuery {
  const raw: Record<string, string> = {};
  for (const key of ["limit", "offset"] as const) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = ZListQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details: Record<string, string> = {};
  for (const issue of parsed.error.issues) details[String(issue.path[0])] ??= issue.message;
  throw new AppError("unprocessable", "Some query parameters are invalid.", details);
}
