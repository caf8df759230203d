// `limit` / `offset` (and filters) of the run list routes, as Airflow's: 422 names each bad parameter.
import { z } from "zod";
import { AppError } from "../../errors";

export const ZListRunsQuerySchema = z.object({
  limit: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").default(100),
  offset: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0, "must be at least 0").default(0),
  state: z.string().max(64).optional(),
});
export type ListRunsQuery = z.infer<typeof ZListRunsQuerySchema>;

export function parseListRunsQuery(params: URLSearchParams): ListRunsQuery {
  const raw: Record<string, string> = {};
  for (const key of ["limit", "offset", "state"] as const) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = ZListRunsQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details: Record<string, string> = {};
  for (const issue of parsed.error.issues) details[String(issue.path[0])] ??= issue.message;
  throw new AppError("unprocessable", "Some query parameters are invalid.", details);
}
