// `DELETE /api/v1/organizations/{org}/invitations/{invitation_id}` (admin): revokes a
// pending invitation; its link stops working at once. Accepted or already revoked: 409.
import { withAccess } from "@/lib/server/authz";
import { PEOPLE_ROUTE } from "@/lib/server/services/access/people-api";
import { revokeInvitation } from "@/lib/server/services/access/revoke-invitation";

type Params = { org: string; invitation_id: string };

export const DELETE = withAccess(
  "member.invite",
  (params: Params) => ({ organizationId: params.org }),
  async (_request, access, params) => {
    await revokeInvitation(access, params.invitation_id);
    return new Response(null, { status: 204 });
  },
  PEOPLE_ROUTE,
);
