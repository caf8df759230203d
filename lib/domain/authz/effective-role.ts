// Effective roles from grants, and the gate's decision. Pure: the server loads only the
// caller's grants (a user's role bindings through groups, or an API token's one
// environment) and asks here.
import { PERMISSIONS, type Permission } from "./permissions";
import { higherRole, roleAtLeast, type Role } from "./roles";
import { scopeContains, type ScopeRef } from "./scope";

/** A role at a scope. For a user it comes from a group's binding; for a token, from the token. */
export interface Grant {
  scope: ScopeRef;
  role: Role;
  /** Where it came from, for the "effective access" view. */
  source?: { kind: "group"; groupId: string; groupName: string } | { kind: "token"; tokenId: string };
}

/** The highest role of every grant on `target` or a wider scope containing it; null if none. */
export function effectiveRole(grants: readonly Grant[], target: ScopeRef): Role | null {
  let role: Role | null = null;
  for (const grant of grants) if (scopeContains(grant.scope, target)) role = higherRole(role, grant.role);
  return role;
}

/**
 * Whether the caller may know `target` exists. An environment needs a role on it. A
 * workspace is also visible when a grant lies inside it (so people reach the one
 * environment they were given). An organization is visible to its members.
 */
export function canSee(grants: readonly Grant[], target: ScopeRef, options: { organizationMember: boolean }): boolean {
  if (target.level === "organization" && options.organizationMember) return true;
  return grants.some((grant) => scopeContains(grant.scope, target) || scopeContains(target, grant.scope));
}

export type AccessDecision =
  | { outcome: "allow"; role: Role | null }
  | { outcome: "not_found" }
  | { outcome: "forbidden"; role: Role | null; required: Role };

/** 404 for what the caller may not see, 403 for what they see but may not do. */
export function decideAccess(input: {
  grants: readonly Grant[];
  target: ScopeRef;
  permission: Permission;
  organizationMember: boolean;
}): AccessDecision {
  const rule = PERMISSIONS[input.permission];
  if (rule.level === "account") {
    throw new Error(`${input.permission} is an account permission: it needs no scope decision`);
  }
  if (rule.level !== input.target.level) {
    throw new Error(`${input.permission} is checked at the ${rule.level} level, not at the ${input.target.level} level`);
  }
  if (!canSee(input.grants, input.target, { organizationMember: input.organizationMember })) return { outcome: "not_found" };
  const role = effectiveRole(input.grants, input.target);
  if (rule.minRole === null) return { outcome: "allow", role };
  if (!roleAtLeast(role, rule.minRole)) return { outcome: "forbidden", role, required: rule.minRole };
  return { outcome: "allow", role };
}

/** Owner is an organization-only role; everything else may be bound anywhere. */
export function bindingProblem(scope: ScopeRef, role: Role): string | null {
  if (role === "owner" && scope.level !== "organization") {
    return "The owner role exists only on the organization; bind admin on a workspace or environment instead.";
  }
  return null;
}

/** Permissions a role holds at a level, for the UI's "who may do what" table. */
export function permissionsOf(role: Role, level: ScopeRef["level"]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => {
    const rule = PERMISSIONS[p];
    return rule.level === level && rule.minRole !== null && roleAtLeast(role, rule.minRole);
  });
}
