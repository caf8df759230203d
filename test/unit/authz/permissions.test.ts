import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, permissionsOf, roleAtLeast, type Permission, type Role } from "../../../lib/domain/authz";

const minimum = (p: Permission) => PERMISSIONS[p].minRole;

describe("the permission table", () => {
  // The roles of ARCHITECTURE.md and issue 7, row by row.
  it.each<[Permission, Role]>([
    ["dag.read", "viewer"],
    ["dag_run.read", "viewer"],
    ["dag.trigger", "operator"],
    ["dag_run.clear", "operator"],
    ["dag_run.mark", "operator"],
    ["dag.pause", "operator"],
    ["backfill.create", "operator"],
    ["dag.deploy", "editor"],
    ["dag.delete", "editor"],
    ["connection.write", "editor"],
    ["variable.write", "editor"],
    ["pool.write", "editor"],
    ["webhook.write", "editor"],
    ["group.manage", "admin"],
    ["member.invite", "admin"],
    ["api_token.create", "admin"],
    ["environment.create", "admin"],
    ["workspace.create", "admin"],
    ["billing.manage", "owner"],
    ["organization.delete", "owner"],
  ])("%s needs at least %s", (permission, role) => {
    expect(minimum(permission)).toBe(role);
  });

  it("names every permission resource.action and gives it a level and a description", () => {
    for (const [name, rule] of Object.entries(PERMISSIONS)) {
      expect(name).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(rule.description.length).toBeGreaterThan(5);
      expect(["account", "organization", "workspace", "environment"]).toContain(rule.level);
    }
  });

  it("account rows need no role, every other row but entering an organization needs one, owner rows are organization rows", () => {
    for (const [name, rule] of Object.entries(PERMISSIONS)) {
      if (rule.level === "account") expect(rule.minRole).toBeNull();
      else if (name !== "organization.view") expect(rule.minRole).not.toBeNull();
      if (rule.minRole === "owner") expect(rule.level).toBe("organization");
    }
  });

  it("a higher role can do everything a lower one can", () => {
    for (const level of ["organization", "workspace", "environment"] as const) {
      for (let i = 1; i < ROLES.length; i++) {
        const lower = new Set(permissionsOf(ROLES[i - 1], level));
        const higher = new Set(permissionsOf(ROLES[i], level));
        for (const p of lower) expect(higher.has(p)).toBe(true);
      }
    }
    expect(roleAtLeast(null, "viewer")).toBe(false);
  });

  it("gives a viewer reads only", () => {
    for (const p of permissionsOf("viewer", "environment")) expect(PERMISSIONS[p].mutates).toBe(false);
  });
});
