import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ROLES,
  bindingProblem,
  canSee,
  decideAccess,
  effectiveRole,
  type Grant,
  type Role,
  type ScopeRef,
} from "../../../lib/domain/authz";

// One organization, two workspaces, each with dev / prd; and a foreign organization.
const org: ScopeRef = { level: "organization", organizationId: "o1" };
const wsA: ScopeRef = { level: "workspace", organizationId: "o1", workspaceId: "wa" };
const wsB: ScopeRef = { level: "workspace", organizationId: "o1", workspaceId: "wb" };
const env = (workspaceId: string, environmentId: string): ScopeRef => ({ level: "environment", organizationId: "o1", workspaceId, environmentId });
const aDev = env("wa", "a-dev");
const aPrd = env("wa", "a-prd");
const bDev = env("wb", "b-dev");
const foreignOrg: ScopeRef = { level: "organization", organizationId: "o2" };
const foreignEnv: ScopeRef = { level: "environment", organizationId: "o2", workspaceId: "wz", environmentId: "z-dev" };
const g = (scope: ScopeRef, role: Role): Grant => ({ scope, role });

describe("effective role", () => {
  it.each<[string, Grant[], ScopeRef, Role | null]>([
    ["an organization binding applies to the organization", [g(org, "editor")], org, "editor"],
    ["an organization binding applies to every workspace", [g(org, "editor")], wsB, "editor"],
    ["an organization binding applies to every environment", [g(org, "viewer")], bDev, "viewer"],
    ["a workspace binding applies to its environments", [g(wsA, "operator")], aPrd, "operator"],
    ["a workspace binding does not reach a sibling workspace", [g(wsA, "operator")], wsB, null],
    ["a workspace binding does not reach the sibling workspace's environments", [g(wsA, "operator")], bDev, null],
    ["a workspace binding does not reach up to the organization", [g(wsA, "admin")], org, null],
    ["an environment binding does not leak to a sibling environment", [g(aDev, "editor")], aPrd, null],
    ["an environment binding does not reach up to its workspace", [g(aDev, "editor")], wsA, null],
    ["the highest role wins: wide viewer, narrow editor", [g(org, "viewer"), g(aDev, "editor")], aDev, "editor"],
    ["the highest role wins: wide admin, narrow viewer", [g(org, "admin"), g(aDev, "viewer")], aDev, "admin"],
    ["deploy to dev, operate stg, read prd", [g(wsA, "viewer"), g(aDev, "editor")], aPrd, "viewer"],
    ["nothing crosses organizations", [g(org, "owner")], foreignEnv, null],
    ["no binding, no role", [], aDev, null],
  ])("%s", (_name, grants, target, expected) => {
    expect(effectiveRole(grants, target)).toBe(expected);
  });

  it("is the maximum over the grants that cover the target, whatever their order", () => {
    const scopes = [org, wsA, wsB, aDev, aPrd, bDev, foreignOrg];
    const grant = fc.record({ scope: fc.constantFrom(...scopes), role: fc.constantFrom(...ROLES) });
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 8 }), fc.constantFrom(aDev, aPrd, bDev, wsA, org), (grants, target) => {
        const forward = effectiveRole(grants, target);
        expect(effectiveRole([...grants].reverse(), target)).toBe(forward);
        // Adding a grant never lowers the role.
        for (const extra of grants) {
          const withExtra = effectiveRole([...grants, extra], target);
          if (forward) expect(ROLES.indexOf(withExtra!)).toBeGreaterThanOrEqual(ROLES.indexOf(forward));
        }
      }),
    );
  });
});

describe("visibility and the gate's decision", () => {
  it("lets every member enter their organization, with or without a role there", () => {
    expect(decideAccess({ grants: [], target: org, permission: "organization.view", organizationMember: true })).toEqual({ outcome: "allow", role: null });
    expect(decideAccess({ grants: [], target: org, permission: "organization.view", organizationMember: false })).toEqual({ outcome: "not_found" });
    expect(decideAccess({ grants: [], target: org, permission: "organization.read", organizationMember: true }).outcome).toBe("forbidden");
  });

  it("a member with no binding sees the organization but no workspace or environment", () => {
    expect(canSee([], org, { organizationMember: true })).toBe(true);
    expect(canSee([], wsA, { organizationMember: true })).toBe(false);
    expect(canSee([], aDev, { organizationMember: true })).toBe(false);
  });

  it("someone outside the organization sees nothing of it, not even with a grant elsewhere", () => {
    expect(canSee([g(foreignOrg, "owner")], org, { organizationMember: false })).toBe(false);
    expect(decideAccess({ grants: [g(foreignOrg, "owner")], target: aDev, permission: "dag.read", organizationMember: false })).toEqual({
      outcome: "not_found",
    });
  });

  it("an environment binding makes its workspace visible (to reach it) but not the sibling environment", () => {
    const grants = [g(aPrd, "viewer")];
    expect(canSee(grants, wsA, { organizationMember: true })).toBe(true);
    expect(decideAccess({ grants, target: aDev, permission: "dag.read", organizationMember: true })).toEqual({ outcome: "not_found" });
    expect(decideAccess({ grants, target: aPrd, permission: "dag.read", organizationMember: true })).toEqual({ outcome: "allow", role: "viewer" });
    // Visible workspace, but no role on it: forbidden, not hidden.
    expect(decideAccess({ grants, target: wsA, permission: "workspace.update", organizationMember: true })).toMatchObject({
      outcome: "forbidden",
      role: null,
    });
  });

  it.each<[Role, "allow" | "forbidden"]>([
    ["viewer", "forbidden"],
    ["operator", "allow"],
    ["editor", "allow"],
    ["admin", "allow"],
  ])("triggering a DAG as %s: %s", (role, outcome) => {
    expect(decideAccess({ grants: [g(aDev, role)], target: aDev, permission: "dag.trigger", organizationMember: true }).outcome).toBe(outcome);
  });

  it("a viewer asking to deploy is told the role they need", () => {
    expect(decideAccess({ grants: [g(org, "viewer")], target: aDev, permission: "dag.deploy", organizationMember: true })).toEqual({
      outcome: "forbidden",
      role: "viewer",
      required: "editor",
    });
  });

  it("refuses to check a permission at the wrong level, so a route cannot skip the environment", () => {
    expect(() => decideAccess({ grants: [g(org, "owner")], target: wsA, permission: "dag.read", organizationMember: true })).toThrow(
      /environment level/,
    );
  });

  it("owner exists only on the organization", () => {
    expect(bindingProblem(org, "owner")).toBeNull();
    expect(bindingProblem(wsA, "owner")).toMatch(/only on the organization/);
    expect(bindingProblem(aDev, "admin")).toBeNull();
  });
});
