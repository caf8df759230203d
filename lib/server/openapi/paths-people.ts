// The organization-scope people API: members, groups, role bindings, invitations. Sessions
// only: API tokens are bound to one environment and are refused here (403).
import { operation } from "./operation";
import type { ErrorCode } from "../errors";

const ORG = "/api/v1/organizations/{org}";
const sessionOnly = [{ sessionCookie: [] }];
const READ: ErrorCode[] = ["unauthenticated", "forbidden", "not_found"];
const WRITE: ErrorCode[] = ["bad_request", ...READ, "conflict", "unprocessable"];
const people = (spec: Parameters<typeof operation>[0]) => operation({ ...spec, security: sessionOnly });

export const peoplePaths = {
  [`${ORG}/members`]: {
    get: people({
      operationId: "get_members",
      summary: "List members",
      description: "Viewer in the organization. Every member with the groups that give them their roles, oldest first.",
      tags: ["Organization"],
      parameters: ["org", "limit", "offset"],
      ok: { 200: "MemberCollection" },
      errors: [...READ, "unprocessable"],
    }),
  },
  [`${ORG}/members/{user_id}`]: {
    delete: people({
      operationId: "delete_member",
      summary: "Remove a member",
      description: "Admin. They leave every group and the organization; their sessions end. Never yourself, never someone whose groups carry more than your role (403), never the last owner (409).",
      tags: ["Organization"],
      parameters: ["org", "user_id"],
      ok: { 204: null },
      errors: [...READ, "conflict", "unprocessable"],
    }),
  },
  [`${ORG}/groups`]: {
    get: people({ operationId: "get_groups", summary: "List groups", description: "Viewer. Owners first.", tags: ["Group"], parameters: ["org", "limit", "offset"], ok: { 200: "GroupCollection" }, errors: [...READ, "unprocessable"] }),
    post: people({ operationId: "post_group", summary: "Create a group", description: "Admin. A new, empty group with no bindings; a taken name is 409.", tags: ["Group"], parameters: ["org"], body: "GroupRequest", ok: { 201: "Group" }, errors: WRITE }),
  },
  [`${ORG}/groups/{group_id}`]: {
    get: people({ operationId: "get_group", summary: "Get a group", description: "Viewer. With its members and role bindings.", tags: ["Group"], parameters: ["org", "group_id"], ok: { 200: "Group" }, errors: READ }),
    patch: people({ operationId: "patch_group", summary: "Rename a group", description: "Admin.", tags: ["Group"], parameters: ["org", "group_id"], body: "GroupPatch", ok: { 200: "Group" }, errors: WRITE }),
    delete: people({
      operationId: "delete_group",
      summary: "Delete a group",
      description: "Admin. Members lose every role it gave them; never Owners (409), never a group that carries more than your role (403).",
      tags: ["Group"],
      parameters: ["org", "group_id"],
      ok: { 204: null },
      errors: [...READ, "conflict"],
    }),
  },
  [`${ORG}/groups/{group_id}/members/{user_id}`]: {
    put: people({
      operationId: "put_group_member",
      summary: "Add a member to a group",
      description: "Admin. 201 when added, 200 when already in it (safe to repeat). 404 when the person is not a member of the organization.",
      tags: ["Group"],
      parameters: ["org", "group_id", "user_id"],
      ok: { 201: "GroupMember", 200: "GroupMember" },
      errors: [...READ, "conflict"],
    }),
    delete: people({
      operationId: "delete_group_member",
      summary: "Take a member out of a group",
      description: "Admin. Owners never becomes empty (409).",
      tags: ["Group"],
      parameters: ["org", "group_id", "user_id"],
      ok: { 204: null },
      errors: [...READ, "conflict"],
    }),
  },
  [`${ORG}/groups/{group_id}/role_bindings`]: {
    get: people({ operationId: "get_role_bindings", summary: "List a group's role bindings", description: "Viewer.", tags: ["Group"], parameters: ["org", "group_id", "limit", "offset"], ok: { 200: "RoleBindingCollection" }, errors: [...READ, "unprocessable"] }),
    post: people({
      operationId: "post_role_binding",
      summary: "Bind a role to a group",
      description: "Admin at that scope (or wider), and never a role above your own.",
      tags: ["Group"],
      parameters: ["org", "group_id"],
      body: "RoleBindingRequest",
      ok: { 201: "RoleBinding" },
      errors: WRITE,
    }),
  },
  [`${ORG}/groups/{group_id}/role_bindings/{binding_id}`]: {
    delete: people({
      operationId: "delete_role_binding",
      summary: "Remove a role binding",
      description: "Needs the authority to give the role; Owners keeps its owner binding (409).",
      tags: ["Group"],
      parameters: ["org", "group_id", "binding_id"],
      ok: { 204: null },
      errors: [...READ, "conflict"],
    }),
  },
  [`${ORG}/invitations`]: {
    get: people({
      operationId: "get_invitations",
      summary: "List invitations",
      description: "Viewer. Pending first, then recent accepted, expired and revoked ones.",
      tags: ["Organization"],
      parameters: ["org", "limit", "offset"],
      ok: { 200: "InvitationCollection" },
      errors: [...READ, "unprocessable"],
    }),
    post: people({
      operationId: "post_invitation",
      summary: "Invite someone",
      description: "Admin. Invites by mail into at least one group (never one carrying more than your role). The link goes by mail only.",
      tags: ["Organization"],
      parameters: ["org"],
      body: "InvitationRequest",
      ok: { 201: "Invitation" },
      errors: WRITE,
    }),
  },
  [`${ORG}/invitations/{invitation_id}`]: {
    delete: people({
      operationId: "delete_invitation",
      summary: "Revoke an invitation",
      description: "Admin. Its link stops working at once; accepted or already revoked: 409.",
      tags: ["Organization"],
      parameters: ["org", "invitation_id"],
      ok: { 204: null },
      errors: [...READ, "conflict"],
    }),
  },
};
