// `GET /api/v1/organizations/{org}/groups/{group_id}/role_bindings` (viewer): the group's
// bindings. `POST` `{ "scope_type": "organization"|"workspace"|"environment", "scope_id",
// "role" }`: binds the group. As on the group's settings page, any member passes the gate
// and the rule decides: admin at that scope (or wider), and never a role above one's own.
import { withAccess } from "@/lib/server/authz";
import { createRoleBinding } from "@/lib/server/services/access/create-role-binding";
import { loadGroup } from "@/lib/server/services/access/load-group";
import { PEOPLE_ROUTE, inApiTerms, pageOf, parseCreateRoleBinding, roleBindingView } from "@/lib/server/services/access/people-api";
import { parseListQuery } from "@/lib/server/services/connections/list-query";
import { readJsonObject } from "@/lib/server/services/connections/request-body";

type Params = { org: string; group_id: string };
const scope = (params: Params) => ({ organizationId: params.org });

export const GET = withAccess(
  "group.read",
  scope,
  async (request, access, params) => {
    const group = await loadGroup(access, params.group_id);
    const { items, total } = pageOf(group.bindings, parseListQuery(new URL(request.url).searchParams));
    return Response.json({ role_bindings: items.map((b) => roleBindingView(group.id, b)), total_entries: total });
  },
  PEOPLE_ROUTE,
);

export const POST = withAccess(
  "organization.view",
  scope,
  async (request, access, params) => {
    const body = await readJsonObject(request, '{"scope_type": "environment", "scope_id": "…", "role": "operator"}');
    const input = parseCreateRoleBinding(params.group_id, body);
    const created = await inApiTerms(() => createRoleBinding(access, input));
    const scopeId = input.scope.type === "workspace" ? input.scope.workspaceId : input.scope.type === "environment" ? input.scope.environmentId : null;
    return Response.json(
      { id: created.id, group_id: params.group_id, scope_type: input.scope.type, scope_id: scopeId, role: created.role, scope_label: created.scope },
      { status: 201 },
    );
  },
  PEOPLE_ROUTE,
);
