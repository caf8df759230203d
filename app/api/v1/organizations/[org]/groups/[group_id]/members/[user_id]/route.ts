// `PUT /api/v1/organizations/{org}/groups/{group_id}/members/{user_id}` (admin): puts a
// member of the organization into the group (201; 200 when already in it, so scripts can
// repeat it). `DELETE`: takes them out (204). Either way the person gains or loses every
// role the group carries, so nobody changes a group that carries more than their own
// role (403), and Owners never becomes empty (409).
import { withAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { addGroupMember } from "@/lib/server/services/access/add-group-member";
import { loadGroup } from "@/lib/server/services/access/load-group";
import { PEOPLE_ROUTE, inApiTerms } from "@/lib/server/services/access/people-api";
import { removeGroupMember } from "@/lib/server/services/access/remove-group-member";

type Params = { org: string; group_id: string; user_id: string };
const scope = (params: Params) => ({ organizationId: params.org });

export const PUT = withAccess(
  "group.manage",
  scope,
  async (_request, access, params) => {
    try {
      const added = await addGroupMember(access, params.group_id, { userId: params.user_id });
      return Response.json({ group_id: params.group_id, user_id: added.user.id, email: added.user.email, name: added.user.name }, { status: 201 });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // The user is named by the path: one who is not a member here is a missing object.
      if (error.code === "unprocessable") throw new AppError("not_found", "That person is not a member of this organization. Invite them first.");
      if (error.code === "conflict") {
        const member = (await loadGroup(access, params.group_id)).members.find((m) => m.userId === params.user_id);
        if (member) return Response.json({ group_id: params.group_id, user_id: member.userId, email: member.email, name: member.name }, { status: 200 });
      }
      throw error;
    }
  },
  PEOPLE_ROUTE,
);

export const DELETE = withAccess(
  "group.manage",
  scope,
  async (_request, access, params) => {
    await inApiTerms(() => removeGroupMember(access, params.group_id, { userId: params.user_id }));
    return new Response(null, { status: 204 });
  },
  PEOPLE_ROUTE,
);
