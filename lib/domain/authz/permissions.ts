// The permission table: `resource.action` -> the minimum role, and the scope the check
// happens at. It is data, so the gate, the UI ("who may do what") and the tests read
// the same rows. Add a row here before adding a route that needs it.
import type { Role } from "./roles";
import type { ScopeLevel } from "./scope";

/** `account` permissions concern the signed-in person only and need no role. */
export type PermissionLevel = ScopeLevel | "account";

export interface PermissionRule {
  level: PermissionLevel;
  /** Null: no role needed (account permissions, and entering an organization one belongs to). */
  minRole: Role | null;
  /** Mutations run through `mutate()` and are audited on success and on denial. */
  mutates: boolean;
  description: string;
}

// Generic so each row keeps its literal level: the gate's types follow from it.
const rule = <L extends PermissionLevel, R extends Role | null>(level: L, minRole: R, mutates: boolean, description: string) => ({
  level,
  minRole,
  mutates,
  description,
});

export const PERMISSIONS = {
  // the signed-in person
  "account.read": rule("account", null, false, "See your own profile and organizations"),
  "account.update": rule("account", null, true, "Change your name or password"),
  "organization.create": rule("account", null, true, "Create a new organization"),

  // organization. "view" needs no role: every member may enter the organization and see
  // the workspaces and environments their bindings reach.
  "organization.view": rule("organization", null, false, "Enter the organization (every member)"),
  "organization.read": rule("organization", "viewer", false, "See the organization's settings"),
  "organization.update": rule("organization", "admin", true, "Rename the organization"),
  "organization.delete": rule("organization", "owner", true, "Delete the organization"),
  "billing.read": rule("organization", "admin", false, "See plan and invoices"),
  "billing.manage": rule("organization", "owner", true, "Change plan and payment method"),
  "member.read": rule("organization", "viewer", false, "List members"),
  "member.invite": rule("organization", "admin", true, "Invite people"),
  "member.remove": rule("organization", "admin", true, "Remove members (ends their sessions)"),
  "group.read": rule("organization", "viewer", false, "List groups and their bindings"),
  "group.manage": rule("organization", "admin", true, "Create groups, change members and role bindings"),
  "audit.read": rule("organization", "admin", false, "Read and export the audit log"),
  "workspace.create": rule("organization", "admin", true, "Create a workspace (with dev, stg and prd)"),

  // workspace
  "workspace.read": rule("workspace", "viewer", false, "See the workspace"),
  "workspace.update": rule("workspace", "admin", true, "Rename the workspace"),
  "workspace.delete": rule("workspace", "admin", true, "Delete the workspace and its environments"),
  "environment.create": rule("workspace", "admin", true, "Add an environment"),

  // environment
  "environment.read": rule("environment", "viewer", false, "See the environment"),
  "environment.update": rule("environment", "admin", true, "Change environment settings"),
  "environment.delete": rule("environment", "admin", true, "Delete the environment"),
  "dag.read": rule("environment", "viewer", false, "Read DAGs, their code and versions"),
  "dag.deploy": rule("environment", "editor", true, "Deploy or promote DAG versions"),
  "dag.delete": rule("environment", "editor", true, "Delete a DAG, keeping or purging its history"),
  "dag.pause": rule("environment", "operator", true, "Pause and unpause DAGs"),
  "dag.trigger": rule("environment", "operator", true, "Trigger a DAG run"),
  "dag_run.read": rule("environment", "viewer", false, "See runs, task instances and logs"),
  "dag_run.clear": rule("environment", "operator", true, "Clear tasks and runs to run them again"),
  "dag_run.mark": rule("environment", "operator", true, "Mark tasks and runs success or failed"),
  "backfill.create": rule("environment", "operator", true, "Start, pause or cancel a backfill"),
  "connection.read": rule("environment", "viewer", false, "List connections (never their secrets)"),
  "connection.write": rule("environment", "editor", true, "Create, change and delete connections"),
  "variable.read": rule("environment", "viewer", false, "List variables"),
  "variable.write": rule("environment", "editor", true, "Create, change and delete variables"),
  "pool.read": rule("environment", "viewer", false, "List pools"),
  "pool.write": rule("environment", "editor", true, "Create, resize and delete pools"),
  "webhook.read": rule("environment", "viewer", false, "List webhook triggers"),
  "webhook.write": rule("environment", "editor", true, "Create, rotate and delete webhook triggers"),
  "api_token.read": rule("environment", "admin", false, "List API tokens"),
  "api_token.create": rule("environment", "admin", true, "Create API tokens (never above your own role)"),
  "api_token.revoke": rule("environment", "admin", true, "Revoke API tokens"),
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;
export type LevelOf<P extends Permission> = (typeof PERMISSIONS)[P]["level"];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export function permissionRule(permission: Permission): PermissionRule {
  return PERMISSIONS[permission];
}
