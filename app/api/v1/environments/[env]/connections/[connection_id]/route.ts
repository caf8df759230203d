// `GET /api/v1/environments/{env}/connections/{connection_id}` (viewer): one connection
// without secrets, with `secrets_set` and its Airflow URI (secrets left out).
// `PATCH` (editor): absent fields keep, null clears. `DELETE` (editor).
import { withAccess } from "@/lib/server/authz";
import { deleteConnection } from "@/lib/server/services/connections/delete-connection";
import { getConnection } from "@/lib/server/services/connections/get-connection";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { updateConnection } from "@/lib/server/services/connections/update-connection";

type Params = { env: string; connection_id: string };
const scope = (params: Params) => ({ environmentId: params.env });

export const GET = withAccess("connection.read", scope, async (_request, access, params) => Response.json(await getConnection(access, params.connection_id)));

export const PATCH = withAccess("connection.write", scope, async (request, access, params) =>
  Response.json(await updateConnection(access, params.connection_id, await readJsonObject(request))),
);

export const DELETE = withAccess("connection.write", scope, async (_request, access, params) => {
  await deleteConnection(access, params.connection_id);
  return new Response(null, { status: 204 });
});
