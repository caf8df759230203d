// The organization-scope people REST API (/api/v1/organizations/{org}/…): its request
// bodies and answers in snake_case, as the other /api/v1 routes speak, around the SAME use
// cases the settings pages call (no rule lives here). It also renames the field names the
// services put in error details to the fields this API takes.
import { z } from "zod";
import { ROLES, type Role } from "../../../domain/authz";
import { AppError } from "../../errors";
import type { MemberRow } from "../../repositories/tenancy";
import { GROUPS_ONLY_MESSAGE, type CreateRoleBindingRequest } from "./create-role-binding";
import type { InvitationSent } from "./invite-member";
import type { BindingView, GroupSummary } from "./list-groups";
import type { InvitationRow } from "./list-invitations";
import type { GroupDetail } from "./load-group";

/** What an API token is told on these routes (withAccess's `sessionsOnly`). */
export const PEOPLE_API_SESSIONS_ONLY =
  "API tokens are bound to one environment, and organization-scope tokens do not exist yet: members, groups, role bindings and invitations are managed by a signed-in person. Use a session cookie, or Settings in the web UI.";

export const PEOPLE_ROUTE = { sessionsOnly: PEOPLE_API_SESSIONS_ONLY } as const;

// ---- answers

const iso = (d: Date) => d.toISOString();

export const memberView = (m: MemberRow) => ({ user_id: m.userId, email: m.email, name: m.name, groups: m.groups.map((g) => ({ id: g.id, name: g.name })), joined_at: iso(m.joinedAt) });

export const roleBindingView = (groupId: string, b: BindingView) => ({ id: b.id, group_id: groupId, scope_type: b.scope.level, scope_id: b.scopeId, role: b.role, scope_label: b.label });

export const groupSummaryView = (g: GroupSummary) => ({
  id: g.id,
  name: g.name,
  description: g.description,
  is_owners: g.isOwners,
  member_count: g.members,
  role_bindings: g.bindings.map((b) => roleBindingView(g.id, b)),
});

export const groupDetailView = (g: GroupDetail) => ({
  id: g.id,
  name: g.name,
  description: g.description,
  is_owners: g.isOwners,
  member_count: g.members.length,
  members: g.members.map((m) => ({ user_id: m.userId, email: m.email, name: m.name, added_at: iso(m.addedAt) })),
  role_bindings: g.bindings.map((b) => roleBindingView(g.id, b)),
});

export const invitationView = (i: InvitationRow) => ({
  id: i.id,
  email: i.email,
  groups: i.groups,
  invited_by: i.invitedBy,
  status: i.status,
  created_at: iso(i.createdAt),
  expires_at: iso(i.expiresAt),
});

/** A new invitation. Never the link: the settings page does not show it either; it goes by mail only. */
export const sentInvitationView = (sent: InvitationSent, now: Date) => ({
  id: sent.id,
  email: sent.email,
  groups: sent.groupIds.map((id, i) => ({ id, name: sent.groups[i]! })),
  status: "pending" as const,
  created_at: iso(now),
  expires_at: iso(sent.expiresAt),
});

/** One page of a list the service returns whole (groups, invitations, bindings: short lists). */
export function pageOf<T>(items: readonly T[], page: { limit: number; offset: number }): { items: T[]; total: number } {
  return { items: items.slice(page.offset, page.offset + page.limit), total: items.length };
}

// ---- request bodies

const SCOPE_TYPES = ["organization", "workspace", "environment"] as const;

export const ZCreateRoleBindingApiRequestSchema = z.object({
  scope_type: z.enum(SCOPE_TYPES, { error: "Choose scope_type: organization, workspace or environment." }),
  scope_id: z.string({ error: "scope_id must be a string: the workspace's or environment's id." }).min(1).max(128).nullish(),
  role: z.enum(ROLES, { error: "Choose a role: viewer, operator, editor, admin or owner." }),
});

/** `{ scope_type, scope_id, role }` -> the service's input; every problem listed, by this API's field names. */
export function parseCreateRoleBinding(groupId: string, body: Record<string, unknown>): CreateRoleBindingRequest {
  if (["user_id", "user", "principal", "token_id"].some((key) => key in body)) {
    throw new AppError("unprocessable", GROUPS_ONLY_MESSAGE, { user_id: GROUPS_ONLY_MESSAGE });
  }
  const parsed = ZCreateRoleBindingApiRequestSchema.safeParse(body);
  const details: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) details[String(issue.path[0] ?? "body")] ??= issue.message;
  const scopeType = parsed.success ? parsed.data.scope_type : SCOPE_TYPES.find((t) => t === body.scope_type);
  const scopeId = typeof body.scope_id === "string" && body.scope_id.length > 0 ? body.scope_id : null;
  if (scopeType && scopeType !== "organization" && !scopeId) details.scope_id ??= `Give scope_id: the id of the ${scopeType} the role applies to.`;
  if (scopeType === "organization" && scopeId) details.scope_id ??= "Leave scope_id out (or null) for scope_type organization.";
  if (!parsed.success || Object.keys(details).length > 0) throw new AppError("unprocessable", Object.values(details)[0] ?? "The role binding is invalid.", details);
  const role: Role = parsed.data.role;
  const scope =
    parsed.data.scope_type === "organization"
      ? ({ type: "organization" } as const)
      : parsed.data.scope_type === "workspace"
        ? ({ type: "workspace", workspaceId: scopeId! } as const)
        : ({ type: "environment", environmentId: scopeId! } as const);
  return { groupId, scope, role };
}

// ---- errors

const API_FIELDS: Record<string, string> = {
  userId: "user_id",
  groupId: "group_id",
  groupIds: "group_ids",
  scope: "scope_id",
  workspaceId: "scope_id",
  environmentId: "scope_id",
};

/** Runs a use case; the field names in its error details become this API's (`groupIds` -> `group_ids`). */
export async function inApiTerms<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError && error.details && typeof error.details === "object" && !Array.isArray(error.details)) {
      const renamed = Object.fromEntries(Object.entries(error.details as Record<string, unknown>).map(([k, v]) => [API_FIELDS[k] ?? k, v]));
      throw new AppError(error.code, error.message, renamed);
    }
    throw error;
  }
}
