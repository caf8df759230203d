// `GET /api/v1/environments/{env}/pools/{pool_name}` (viewer), `PATCH` (editor; `slots`
// and/or `description`, optional `?update_mask=`; the name is fixed), `DELETE` (editor;
// refused for default_pool and for a pool running tries hold).
import { withAccess } from "@/lib/server/authz";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { parseUpdateMask } from "@/lib/server/services/pools/pool-input";
import { deletePool } from "@/lib/server/services/pools/delete-pool";
import { getPool } from "@/lib/server/services/pools/get-pool";
import { updatePool } from "@/lib/server/services/pools/update-pool";

type Params = { env: string; pool_name: string };
const scope = (params: Params) => ({ environmentId: params.env });

export const GET = withAccess("pool.read", scope, async (_request, access, params) => Response.json(await getPool(access, params.pool_name)));

export const PATCH = withAccess("pool.write", scope, async (request, access, params) =>
  Response.json(await updatePool(access, params.pool_name, await readJsonObject(request), parseUpdateMask(new URL(request.url).searchParams))),
);

export const DELETE = withAccess("pool.write", scope, async (_request, access, params) => {
  await deletePool(access, params.pool_name);
  return new Response(null, { status: 204 });
});
