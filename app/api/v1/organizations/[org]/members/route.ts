// `GET /api/v1/organizations/{org}/members` (viewer in the organization): every member with
// the groups that give them their roles, oldest first, paged by `limit` and `offset`.
// Sessions only: API tokens are bound to one environment (see PEOPLE_API_SESSIONS_ONLY).
import { withAccess } from "@/lib/server/authz";
import { PEOPLE_ROUTE, memberView } from "@/lib/server/services/access/people-api";
import { parseListQuery } from "@/lib/server/services/connections/list-query";
import { listOrganizationMembersPage } from "@/lib/server/services/tenancy/list-organization-members";

type Params = { org: string };

export const GET = withAccess(
  "member.read",
  (params: Params) => ({ organizationId: params.org }),
  async (request, access) => {
    const { members, total } = await listOrganizationMembersPage(access, parseListQuery(new URL(request.url).searchParams));
    return Response.json({ members: members.map(memberView), total_entries: total });
  },
  PEOPLE_ROUTE,
);
