// `DELETE /api/v1/organizations/{org}/members/{user_id}` (admin): the person leaves every
// group and the organization, and their sessions end. The settings page's rules: never
// yourself (leave instead), never someone whose groups carry more than your role, never
// the last owner (409).
import { withAccess } from "@/lib/server/authz";
import { PEOPLE_ROUTE, inApiTerms } from "@/lib/server/services/access/people-api";
import { removeMember } from "@/lib/server/services/access/remove-member";

type Params = { org: string; user_id: string };

export const DELETE = withAccess(
  "member.remove",
  (params: Params) => ({ organizationId: params.org }),
  async (_request, access, params) => {
    await inApiTerms(() => removeMember(access, { userId: params.user_id }));
    return new Response(null, { status: 204 });
  },
  PEOPLE_ROUTE,
);
