// Who may hand out which role where. Pure: the caller's own grants decide. Nobody grants
// (or puts someone into a group that carries) a role above their own at that scope, and
// only an admin of a scope (or of a wider one) may bind roles there.
import { bindingProblem, effectiveRole, type Grant } from "./effective-role";
import { roleAtLeast, type Role } from "./roles";
import type { ScopeRef } from "./scope";

export type GrantRefusal = { kind: "invalid" | "outside_scope" | "above_own_role"; message: string };

/** Null when a caller holding `callerGrants` may create (or remove) a binding of `role` at `scope`. */
export function grantRefusal(callerGrants: readonly Grant[], scope: ScopeRef, role: Role): GrantRefusal | null {
  const invalid = bindingProblem(scope, role);
  if (invalid) return { kind: "invalid", message: invalid };
  const own = effectiveRole(callerGrants, scope);
  if (!roleAtLeast(own, "admin")) {
    return {
      kind: "outside_scope",
      message: `You need the admin role on this ${scope.level} (or on a wider scope) to change who has access there; you have ${own ?? "no role"}.`,
    };
  }
  if (!roleAtLeast(own, role)) {
    return { kind: "above_own_role", message: `You cannot grant ${role}: it is above your own role here (${own}).` };
  }
  return null;
}

/**
 * Whether the caller may change the membership of a group bound as `bindings` (adding or
 * removing someone hands out or takes away every one of those roles). The first refusal wins.
 */
export function groupMembershipRefusal(callerGrants: readonly Grant[], bindings: readonly { scope: ScopeRef; role: Role }[]): GrantRefusal | null {
  for (const binding of bindings) {
    const refusal = grantRefusal(callerGrants, binding.scope, binding.role);
    if (refusal) return refusal;
  }
  return null;
}
