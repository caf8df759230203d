// `GET /api/v1/organizations/{org}/invitations` (viewer): pending invitations first, then
// the recent accepted, expired and revoked ones. `POST` (admin) `{ "email", "group_ids" }`:
// invites by mail into those groups (at least one: access comes only through groups),
// never into a group that carries more than the caller's role. The answer holds no link:
// it goes by mail only, as from the settings page.
import { withAccess } from "@/lib/server/authz";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { inviteMember } from "@/lib/server/services/access/invite-member";
import { listInvitations } from "@/lib/server/services/access/list-invitations";
import { PEOPLE_ROUTE, inApiTerms, invitationView, pageOf, sentInvitationView } from "@/lib/server/services/access/people-api";
import { parseListQuery } from "@/lib/server/services/connections/list-query";
import { readJsonObject } from "@/lib/server/services/connections/request-body";

type Params = { org: string };
const scope = (params: Params) => ({ organizationId: params.org });

export const GET = withAccess(
  "member.read",
  scope,
  async (request, access) => {
    const { items, total } = pageOf(await listInvitations(access), parseListQuery(new URL(request.url).searchParams));
    return Response.json({ invitations: items.map((i) => invitationView(i)), total_entries: total });
  },
  PEOPLE_ROUTE,
);

export const POST = withAccess(
  "member.invite",
  scope,
  async (request, access) => {
    const body = await readJsonObject(request, '{"email": "ada@example.com", "group_ids": ["…"]}');
    const now = new Date();
    const input = { email: body.email as string, groupIds: (body.group_ids ?? []) as string[] };
    const sent = await inApiTerms(() => inviteMember(access, input, { baseUrl: publicBaseUrl(request.headers), now }));
    return Response.json(sentInvitationView(sent, now), { status: 201 });
  },
  PEOPLE_ROUTE,
);
