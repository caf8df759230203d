// The DAGs of one environment, as Airflow's REST API lists them (`GET /dags`): paged with
// limit/offset, searched with `dag_id_pattern`, ordered by dag_id. Scoped by the
// environment the gate resolved, never by an id from the request.
import { z } from "zod";
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";

export const DAG_LIST_DEFAULT_LIMIT = 100;
export const DAG_LIST_MAX_LIMIT = 1000;

const whole = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number.`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}.`).max(max, `${name} must be at most ${max}.`));

/** Query parameters of `GET /api/v1/environments/{env}/dags`. Unknown parameters are ignored. */
export const ZListDagsRequestSchema = z.object({
  limit: whole("limit", 1, DAG_LIST_MAX_LIMIT).default(DAG_LIST_DEFAULT_LIMIT),
  offset: whole("offset", 0, Number.MAX_SAFE_INTEGER).default(0),
  dag_id_pattern: z.string().max(250, "dag_id_pattern must be at most 250 characters.").optional(),
});
export type ListDagsRequest = z.output<typeof ZListDagsRequestSchema>;

export const ZDagSummarySchema = z.object({
  dag_id: z.string(),
  is_paused: z.boolean(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  /** The current DagVersion's spec hash; null before the first deploy finishes. */
  version: z.string().nullable(),
  /** Dag.scheduleSummary, e.g. "@daily" or "0 6 * * 1-5". */
  schedule: z.string().nullable(),
  next_dagrun_create_after: z.string().nullable(),
});
export const ZListDagsResponseSchema = z.object({ dags: z.array(ZDagSummarySchema), total_entries: z.number().int() });
export type DagSummary = z.infer<typeof ZDagSummarySchema>;
export type ListDagsResponse = z.infer<typeof ZListDagsResponseSchema>;

/** Parses URL search params; every problem is listed in the 422's details (field -> message). */
export function parseListDagsQuery(params: URLSearchParams): ListDagsRequest {
  const raw: Record<string, string> = {};
  for (const key of ["limit", "offset", "dag_id_pattern"] as const) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = ZListDagsRequestSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details: Record<string, string> = {};
  for (const issue of parsed.error.issues) details[String(issue.path[0])] ??= issue.message;
  throw new AppError("unprocessable", "Some query parameters are invalid.", details);
}

/**
 * `dag_id_pattern` follows Airflow: a case-insensitive substring match where `%` and `_`
 * are SQL LIKE wildcards. Backslash escapes a wildcard.
 */
export async function listDags(access: EnvironmentAccess, query: ListDagsRequest): Promise<ListDagsResponse> {
  const environmentId = access.environment.id;
  const pattern = query.dag_id_pattern;
  const matchingIds = pattern ? await dagIdsMatching(environmentId, pattern) : null;
  const where = { environmentId, organizationId: access.organization.id, ...(matchingIds ? { id: { in: matchingIds } } : {}) };

  const [total, rows] = await Promise.all([
    db().dag.count({ where }),
    db().dag.findMany({
      where,
      orderBy: { dagId: "asc" },
      skip: query.offset,
      take: query.limit,
      select: {
        dagId: true,
        isPaused: true,
        description: true,
        tags: true,
        scheduleSummary: true,
        nextDagrunCreateAfter: true,
        currentVersionId: true,
      },
    }),
  ]);
  const versionIds = rows.map((r) => r.currentVersionId).filter((id): id is string => id !== null);
  const versions = versionIds.length
    ? await db().dagVersion.findMany({ where: { id: { in: versionIds }, environmentId }, select: { id: true, specHash: true } })
    : [];
  const hashOf = new Map(versions.map((v) => [v.id, v.specHash]));

  return {
    dags: rows.map((r) => ({
      dag_id: r.dagId,
      is_paused: r.isPaused,
      description: r.description,
      tags: r.tags,
      version: (r.currentVersionId && hashOf.get(r.currentVersionId)) ?? null,
      schedule: r.scheduleSummary,
      next_dagrun_create_after: r.nextDagrunCreateAfter?.toISOString() ?? null,
    })),
    total_entries: total,
  };
}

async function dagIdsMatching(environmentId: string, pattern: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`SELECT id FROM dag WHERE environment_id = ${environmentId} AND dag_id ILIKE ${`%${pattern}%`}`;
  return rows.map((r) => r.id);
}
