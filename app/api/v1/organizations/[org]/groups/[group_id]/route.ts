// `GET /api/v1/organizations/{org}/groups/{group_id}` (viewer): the group, its members and
// role bindings. `PATCH` (admin) `{ "name"?, "description"? }`: a field left out keeps its
// value; Owners keeps its name. `DELETE` (admin): members lose every role it gave them;
// never Owners (409), never a group that carries more than the caller's role (403).
import { withAccess } from "@/lib/server/authz";
import { deleteGroup } from "@/lib/server/services/access/delete-group";
import { loadGroup } from "@/lib/server/services/access/load-group";
import { PEOPLE_ROUTE, groupDetailView } from "@/lib/server/services/access/people-api";
import { renameGroup } from "@/lib/server/services/access/rename-group";
import { readJsonObject } from "@/lib/server/services/connections/request-body";

type Params = { org: string; group_id: string };
const scope = (params: Params) => ({ organizationId: params.org });

export const GET = withAccess("group.read", scope, async (_request, access, params) => Response.json(groupDetailView(await loadGroup(access, params.group_id))), PEOPLE_ROUTE);

export const PATCH = withAccess(
  "group.manage",
  scope,
  async (request, access, params) => {
    const body = await readJsonObject(request, '{"name": "Data team", "description": "…"}');
    await renameGroup(access, params.group_id, { name: body.name as string | undefined, description: body.description as string | undefined });
    return Response.json(groupDetailView(await loadGroup(access, params.group_id)));
  },
  PEOPLE_ROUTE,
);

export const DELETE = withAccess(
  "group.manage",
  scope,
  async (_request, access, params) => {
    await deleteGroup(access, params.group_id);
    return new Response(null, { status: 204 });
  },
  PEOPLE_ROUTE,
);
