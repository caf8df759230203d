// `GET /api/v1/environments/{env}/pools` (viewer): Airflow's pool list with each pool's
// figures, default_pool first; `limit`/`offset`. `POST` (editor): create a pool.
import { withAccess } from "@/lib/server/authz";
import { parseListQuery } from "@/lib/server/services/connections/list-query";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { createPool } from "@/lib/server/services/pools/create-pool";
import { listPools } from "@/lib/server/services/pools/list-pools";

type Params = { env: string };

export const GET = withAccess(
  "pool.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => Response.json(await listPools(access, parseListQuery(new URL(request.url).searchParams))),
);

export const POST = withAccess(
  "pool.write",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => Response.json(await createPool(access, await readJsonObject(request)), { status: 201 }),
);
