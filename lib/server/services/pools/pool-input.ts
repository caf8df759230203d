// The request bodies of the pools routes, in Airflow's fields (`name`, `slots`,
// `description`, `include_deferred`). Problems map field -> message, every one named.
import { POOL_PATCHABLE_FIELDS, POOL_REQUEST_FIELDS, ZCreatePoolRequestSchema, ZPatchPoolRequestSchema, poolProblems, type CreatePoolRequest } from "../../../domain/pool";
import { AppError } from "../../errors";

function unknownFields(body: Record<string, unknown>): Record<string, string> {
  const known = new Set<string>(POOL_REQUEST_FIELDS);
  const details: Record<string, string> = {};
  for (const k of Object.keys(body)) if (!known.has(k)) details[k] = `is not a field of a pool (its fields: ${POOL_REQUEST_FIELDS.join(", ")})`;
  return details;
}

const invalid = (details: Record<string, string>) => new AppError("unprocessable", "The pool is invalid.", details);

export function parseCreatePool(body: Record<string, unknown>): CreatePoolRequest {
  const details = unknownFields(body);
  const parsed = ZCreatePoolRequestSchema.safeParse(body);
  if (!parsed.success) Object.assign(details, { ...poolProblems(parsed.error), ...details });
  if (Object.keys(details).length || !parsed.success) throw invalid(details);
  return parsed.data;
}

export interface PoolPatch {
  slots?: number;
  /** null clears it. */
  description?: string | null;
}

/**
 * PATCH: fields left out keep their values; with `update_mask` (Airflow's, e.g.
 * `?update_mask=slots`) only the named fields are applied. The name is fixed: a body `name`
 * other than the path's is a 400.
 */
export function parsePatchPool(name: string, body: Record<string, unknown>, updateMask: string[] | null): PoolPatch {
  if (typeof body.name === "string" && body.name !== name) {
    throw new AppError("bad_request", `A pool cannot be renamed: the body names "${body.name}" but the path names "${name}". Create a new pool and delete this one.`, {
      name: "must match the pool's name in the path",
    });
  }
  const details = unknownFields(body);
  if (updateMask) {
    for (const field of updateMask) {
      if (!(POOL_PATCHABLE_FIELDS as readonly string[]).includes(field)) {
        details.update_mask = `names "${field}", which PATCH cannot change (it can change: ${POOL_PATCHABLE_FIELDS.join(", ")})`;
      }
    }
  }
  const parsed = ZPatchPoolRequestSchema.safeParse(body);
  if (!parsed.success) Object.assign(details, { ...poolProblems(parsed.error), ...details });
  if (Object.keys(details).length || !parsed.success) throw invalid(details);
  const applies = (field: (typeof POOL_PATCHABLE_FIELDS)[number]) => parsed.data[field] !== undefined && (!updateMask || updateMask.includes(field));
  return {
    ...(applies("slots") ? { slots: parsed.data.slots } : {}),
    ...(applies("description") ? { description: parsed.data.description } : {}),
  };
}

/** `update_mask` from the query: repeated or comma-separated; null when absent. */
export function parseUpdateMask(params: URLSearchParams): string[] | null {
  const values = params.getAll("update_mask");
  if (values.length === 0) return null;
  return values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}
