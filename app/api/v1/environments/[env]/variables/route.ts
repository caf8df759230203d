// `GET /api/v1/environments/{env}/variables` (viewer): key, value, description; a secret
// variable's value is masked as "***", as Airflow shows it. `POST` (editor): create.
import { withAccess } from "@/lib/server/authz";
import { parseListQuery } from "@/lib/server/services/connections/list-query";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { createVariable } from "@/lib/server/services/variables/create-variable";
import { listVariables } from "@/lib/server/services/variables/list-variables";

type Params = { env: string };

export const GET = withAccess(
  "variable.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => Response.json(await listVariables(access, parseListQuery(new URL(request.url).searchParams))),
);

export const POST = withAccess(
  "variable.write",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => Response.json(await createVariable(access, await readJsonObject(request)), { status: 201 }),
);
