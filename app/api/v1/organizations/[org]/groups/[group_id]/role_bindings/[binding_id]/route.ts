// `DELETE /api/v1/organizations/{org}/groups/{group_id}/role_bindings/{binding_id}`: the
// group's members lose that role at once. Taking a role away needs the authority to give
// it (admin at its scope, at least that role); Owners keeps its owner binding (409).
import { withAccess } from "@/lib/server/authz";
import { deleteRoleBinding } from "@/lib/server/services/access/delete-role-binding";
import { PEOPLE_ROUTE } from "@/lib/server/services/access/people-api";

type Params = { org: string; group_id: string; binding_id: string };

export const DELETE = withAccess(
  "organization.view",
  (params: Params) => ({ organizationId: params.org }),
  async (_request, access, params) => {
    await deleteRoleBinding(access, params.binding_id, { groupId: params.group_id });
    return new Response(null, { status: 204 });
  },
  PEOPLE_ROUTE,
);
