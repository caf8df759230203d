// `GET /api/v1/environments/{env}/variables/{key}` (viewer; a secret value is "***"),
// `PATCH` (editor; absent fields keep, description null clears), `DELETE` (editor).
import { withAccess } from "@/lib/server/authz";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { deleteVariable } from "@/lib/server/services/variables/delete-variable";
import { getVariable } from "@/lib/server/services/variables/get-variable";
import { updateVariable } from "@/lib/server/services/variables/update-variable";

type Params = { env: string; key: string };
const scope = (params: Params) => ({ environmentId: params.env });

export const GET = withAccess("variable.read", scope, async (_request, access, params) => Response.json(await getVariable(access, params.key)));

export const PATCH = withAccess("variable.write", scope, async (request, access, params) =>
  Response.json(await updateVariable(access, params.key, await readJsonObject(request))),
);

export const DELETE = withAccess("variable.write", scope, async (_request, access, params) => {
  await deleteVariable(access, params.key);
  return new Response(null, { status: 204 });
});
