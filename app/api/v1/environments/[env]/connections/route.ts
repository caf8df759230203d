// `GET /api/v1/environments/{env}/connections` (viewer): the connections, never a secret value.
// `POST …/connections` (editor): create from typed fields, or import `{connection_id, uri}`.
import { withAccess } from "@/lib/server/authz";
import { createConnection } from "@/lib/server/services/connections/create-connection";
import { listConnections } from "@/lib/server/services/connections/list-connections";
import { parseListQuery } from "@/lib/server/services/connections/list-query";
import { readJsonObject } from "@/lib/server/services/connections/request-body";

type Params = { env: string };

export const GET = withAccess(
  "connection.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => Response.json(await listConnections(access, parseListQuery(new URL(request.url).searchParams))),
);

export const POST = withAccess(
  "connection.write",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access) => Response.json(await createConnection(access, await readJsonObject(request)), { status: 201 }),
);
