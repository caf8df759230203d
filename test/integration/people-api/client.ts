// Calls the organization-scope people REST routes in-process: as a signed-in person (the
// same-origin headers a Windsock page sends), or with an API token in the Authorization
// header, as a script would.
import type { Principal } from "../../../lib/server/authz";
import { callRoute, type ApiAnswer, type RouteHandler } from "../../support/call-route";
import * as bindingRoute from "../../../app/api/v1/organizations/[org]/groups/[group_id]/role_bindings/[binding_id]/route";
import * as bindingsRoute from "../../../app/api/v1/organizations/[org]/groups/[group_id]/role_bindings/route";
import * as groupMemberRoute from "../../../app/api/v1/organizations/[org]/groups/[group_id]/members/[user_id]/route";
import * as groupRoute from "../../../app/api/v1/organizations/[org]/groups/[group_id]/route";
import * as groupsRoute from "../../../app/api/v1/organizations/[org]/groups/route";
import * as invitationRoute from "../../../app/api/v1/organizations/[org]/invitations/[invitation_id]/route";
import * as invitationsRoute from "../../../app/api/v1/organizations/[org]/invitations/route";
import * as memberRoute from "../../../app/api/v1/organizations/[org]/members/[user_id]/route";
import * as membersRoute from "../../../app/api/v1/organizations/[org]/members/route";

export type { ApiAnswer };
const h = (handler: unknown) => handler as RouteHandler;

export function peopleApi(principal: Principal, org: string) {
  const base = `/api/v1/organizations/${org}`;
  const call = (handler: unknown, params: Record<string, string>, method: string, path: string, body?: unknown) =>
    callRoute(principal, h(handler), { org, ...params }, method, `${base}${path}`, body);
  return {
    members: (query = "") => call(membersRoute.GET, {}, "GET", `/members${query}`),
    removeMember: (userId: string) => call(memberRoute.DELETE, { user_id: userId }, "DELETE", `/members/${userId}`),
    invitations: (query = "") => call(invitationsRoute.GET, {}, "GET", `/invitations${query}`),
    invite: (body: unknown) => call(invitationsRoute.POST, {}, "POST", "/invitations", body),
    revokeInvitation: (id: string) => call(invitationRoute.DELETE, { invitation_id: id }, "DELETE", `/invitations/${id}`),
    groups: (query = "") => call(groupsRoute.GET, {}, "GET", `/groups${query}`),
    createGroup: (body: unknown) => call(groupsRoute.POST, {}, "POST", "/groups", body),
    group: (id: string) => call(groupRoute.GET, { group_id: id }, "GET", `/groups/${id}`),
    patchGroup: (id: string, body: unknown) => call(groupRoute.PATCH, { group_id: id }, "PATCH", `/groups/${id}`, body),
    deleteGroup: (id: string) => call(groupRoute.DELETE, { group_id: id }, "DELETE", `/groups/${id}`),
    addToGroup: (id: string, userId: string) => call(groupMemberRoute.PUT, { group_id: id, user_id: userId }, "PUT", `/groups/${id}/members/${userId}`),
    removeFromGroup: (id: string, userId: string) => call(groupMemberRoute.DELETE, { group_id: id, user_id: userId }, "DELETE", `/groups/${id}/members/${userId}`),
    bindings: (id: string) => call(bindingsRoute.GET, { group_id: id }, "GET", `/groups/${id}/role_bindings`),
    bind: (id: string, body: unknown) => call(bindingsRoute.POST, { group_id: id }, "POST", `/groups/${id}/role_bindings`, body),
    unbind: (id: string, bindingId: string) =>
      call(bindingRoute.DELETE, { group_id: id, binding_id: bindingId }, "DELETE", `/groups/${id}/role_bindings/${bindingId}`),
  };
}

/** The members list as a script with an API token calls it (no cookie, no Origin). */
export async function membersWithToken(org: string, secret: string): Promise<ApiAnswer> {
  const request = new Request(`http://app.test/api/v1/organizations/${org}/members`, { headers: { authorization: `Bearer ${secret}` } });
  const response = await membersRoute.GET(request, { params: Promise.resolve({ org }) });
  return { status: response.status, text: "", body: await response.json() };
}
