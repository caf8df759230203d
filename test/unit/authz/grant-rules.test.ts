import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { grantRefusal, groupMembershipRefusal, ROLES, roleAtLeast, effectiveRole, type Grant, type Role, type ScopeRef } from "../../../lib/domain/authz";

// One organization with two workspaces (a: dev/prd, b: dev).
const org: ScopeRef = { level: "organization", organizationId: "o1" };
const wsA: ScopeRef = { level: "workspace", organizationId: "o1", workspaceId: "wa" };
const wsB: ScopeRef = { level: "workspace", organizationId: "o1", workspaceId: "wb" };
const env = (workspaceId: string, environmentId: string): ScopeRef => ({ level: "environment", organizationId: "o1", workspaceId, environmentId });
const aDev = env("wa", "a-dev");
const aPrd = env("wa", "a-prd");
const bDev = env("wb", "b-dev");
const foreign: ScopeRef = { level: "environment", organizationId: "o2", workspaceId: "wz", environmentId: "z" };
const g = (scope: ScopeRef, role: Role): Grant => ({ scope, role });

describe("who may bind which role where", () => {
  it.each<[string, Grant[], ScopeRef, Role, null | "invalid" | "outside_scope" | "above_own_role"]>([
    ["an owner binds owner on the organization", [g(org, "owner")], org, "owner", null],
    ["an owner binds admin on an environment", [g(org, "owner")], aPrd, "admin", null],
    ["nobody binds owner below the organization", [g(org, "owner")], aDev, "owner", "invalid"],
    ["an org admin binds admin anywhere", [g(org, "admin")], wsB, "admin", null],
    ["an org admin never binds owner", [g(org, "admin")], org, "owner", "above_own_role"],
    ["a workspace admin binds inside the workspace", [g(wsA, "admin")], aPrd, "editor", null],
    ["a workspace admin binds on the workspace itself", [g(wsA, "admin")], wsA, "admin", null],
    ["a workspace admin cannot bind in another workspace", [g(wsA, "admin")], bDev, "viewer", "outside_scope"],
    ["a workspace admin cannot bind on the organization", [g(wsA, "admin")], org, "viewer", "outside_scope"],
    ["an environment admin cannot bind on its sibling", [g(aDev, "admin")], aPrd, "viewer", "outside_scope"],
    ["an environment admin cannot bind on its workspace", [g(aDev, "admin")], wsA, "viewer", "outside_scope"],
    ["an editor binds nothing, not even viewer", [g(org, "editor")], aDev, "viewer", "outside_scope"],
    ["a wide viewer plus a narrow admin: admin there", [g(org, "viewer"), g(aDev, "admin")], aDev, "operator", null],
    ["grants never cross organizations", [g(org, "owner")], foreign, "viewer", "outside_scope"],
    ["no grants, no binding", [], aDev, "viewer", "outside_scope"],
  ])("%s", (_name, grants, scope, role, expected) => {
    expect(grantRefusal(grants, scope, role)?.kind ?? null).toBe(expected);
  });

  it("never lets anyone hand out more than they hold at that scope (property)", () => {
    const scopes = [org, wsA, wsB, aDev, aPrd, bDev];
    const grant = fc.record({ scope: fc.constantFrom(...scopes), role: fc.constantFrom(...ROLES) });
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 6 }), fc.constantFrom(...scopes), fc.constantFrom(...ROLES), (grants, scope, role) => {
        if (grantRefusal(grants, scope, role) === null) {
          const own = effectiveRole(grants, scope);
          expect(roleAtLeast(own, "admin") && roleAtLeast(own, role)).toBe(true);
        }
      }),
    );
  });

  it("changing a group's members needs authority over every binding it carries", () => {
    const owners = [{ scope: org, role: "owner" as const }];
    const team = [
      { scope: aDev, role: "editor" as const },
      { scope: aPrd, role: "viewer" as const },
    ];
    expect(groupMembershipRefusal([g(org, "admin")], owners)?.kind).toBe("above_own_role");
    expect(groupMembershipRefusal([g(org, "owner")], owners)).toBeNull();
    expect(groupMembershipRefusal([g(wsA, "admin")], team)).toBeNull();
    expect(groupMembershipRefusal([g(aDev, "admin")], team)?.kind).toBe("outside_scope");
    expect(groupMembershipRefusal([g(org, "editor")], [])).toBeNull();
  });
});
