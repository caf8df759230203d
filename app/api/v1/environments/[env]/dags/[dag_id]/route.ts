// `GET /api/v1/environments/{env}/dags/{dag_id}` (viewer): the DAG, its schedule and next run.
// `PATCH …` (operator) with `{"is_paused": true|false}`: pause or unpause.
// `DELETE …` (editor): delete, keeping versions and runs; `?purge=true` drops them too.
import { withAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { deleteDag } from "@/lib/server/services/dags/delete-dag";
import { getDag } from "@/lib/server/services/dags/get-dag";
import { setDagPaused } from "@/lib/server/services/dags/set-dag-paused";

type Params = { env: string; dag_id: string };
const scope = (params: Params) => ({ environmentId: params.env });

export const GET = withAccess("dag.read", scope, async (_request, access, params) => Response.json(await getDag(access, params.dag_id)));

export const PATCH = withAccess("dag.pause", scope, async (request, access, params) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", 'The request body is not valid JSON. Send {"is_paused": false} to unpause, {"is_paused": true} to pause.');
  }
  const isPaused = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>).is_paused : undefined;
  if (typeof isPaused !== "boolean") {
    throw new AppError("unprocessable", 'is_paused must be true or false, e.g. {"is_paused": false}.', [{ field: "is_paused", message: "must be true or false" }]);
  }
  return Response.json(await setDagPaused(access, params.dag_id, isPaused));
});

export const DELETE = withAccess("dag.delete", scope, async (request, access, params) => {
  const purgeParam = new URL(request.url).searchParams.get("purge");
  if (purgeParam !== null && !["true", "false", "1", "0"].includes(purgeParam)) {
    throw new AppError("unprocessable", "purge must be true or false.", [{ field: "purge", message: "must be true or false" }]);
  }
  return Response.json(await deleteDag(access, params.dag_id, { purge: purgeParam === "true" || purgeParam === "1" }));
});
