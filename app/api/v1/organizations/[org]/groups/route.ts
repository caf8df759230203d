// `GET /api/v1/organizations/{org}/groups` (viewer): every group with its member count and
// role bindings, Owners first. `POST` (admin) `{ "name", "description"? }`: a new, empty
// group with no bindings (it gives nobody anything until it is bound); a taken name is 409.
import { withAccess } from "@/lib/server/authz";
import { createGroup } from "@/lib/server/services/access/create-group";
import { listGroups } from "@/lib/server/services/access/list-groups";
import { loadGroup } from "@/lib/server/services/access/load-group";
import { PEOPLE_ROUTE, groupDetailView, groupSummaryView, pageOf } from "@/lib/server/services/access/people-api";
import { parseListQuery } from "@/lib/server/services/connections/list-query";
import { readJsonObject } from "@/lib/server/services/connections/request-body";

type Params = { org: string };
const scope = (params: Params) => ({ organizationId: params.org });

export const GET = withAccess(
  "group.read",
  scope,
  async (request, access) => {
    const { items, total } = pageOf(await listGroups(access), parseListQuery(new URL(request.url).searchParams));
    return Response.json({ groups: items.map(groupSummaryView), total_entries: total });
  },
  PEOPLE_ROUTE,
);

export const POST = withAccess(
  "group.manage",
  scope,
  async (request, access) => {
    const body = await readJsonObject(request, '{"name": "Data team", "description": "…"}');
    const created = await createGroup(access, { name: body.name as string, description: body.description as string | undefined });
    return Response.json(groupDetailView(await loadGroup(access, created.id)), { status: 201 });
  },
  PEOPLE_ROUTE,
);
