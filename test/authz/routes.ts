// The cross-tenant matrix: ONE ROW PER ENTRY POINT under app/ (route handler method, page,
// data-loading layout, server action). test/authz/matrix.test.ts runs every row as every
// kind of caller (another organization's user, a member without access, a lower role, the
// right role, API tokens wrong/expired/revoked/outside their environment/below the role,
// nobody) and checks the gate's answer: 401, 404 (same body as a missing id), 403, or
// through. test/authz/registry.test.ts fails when an entry point has no row here, and
// prints the line to paste. test/e2e/authz-http.spec.ts requests the same route and page
// rows over real HTTP (cookies from real logins, tokens in headers).
//
// HOW TO ADD A ROW (one line; keep the file grouped by area):
//   route handler   api("GET", "app/api/v1/environments/[env]/things/route.ts", "thing.read"),
//   with a body     api("POST", "app/api/v1/environments/[env]/things/route.ts", "thing.write", { body: { name: "x" } }),
//   page            page("app/o/[org]/w/[ws]/e/[env]/things/page.tsx", "thing.read"),
//   layout          layout("app/o/[org]/w/[ws]/e/[env]/layout.tsx", "environment.read"),
//   server action   action("app/o/[org]/w/[ws]/e/[env]/things/actions.ts", "createThingAction", "thing.write", (fn, s) => fn(s.env, form({ name: "x" }))),
// The permission is the one the entry point asks the gate for (the test checks it really
// does). Dynamic segments fill themselves: [org] [ws] [env] with the target's slugs (ids
// under app/api/), any other segment from SEGMENTS below (add yours; a value that does not
// exist is fine: the matrix tests the gate, not what comes after it). Server actions get
// `s`: the target's slugs and ids (s.env is { orgSlug, workspaceSlug, envSlug }).
import type { Permission } from "../../lib/domain/authz";

export type Scope = {
  orgSlug: string;
  workspaceSlug: string;
  envSlug: string;
  organizationId: string;
  workspaceId: string;
  environmentId: string;
  /** The environment as pages and actions name it. */
  env: { orgSlug: string; workspaceSlug: string; envSlug: string };
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => Promise<unknown>;

export type Row =
  | { kind: "route"; file: string; name: string; permission: Permission; body?: unknown; sessionsOnly?: true }
  | { kind: "page" | "layout"; file: string; name: "default"; permission: Permission }
  | { kind: "action"; file: string; name: string; permission: Permission; call: (fn: AnyFn, s: Scope) => Promise<unknown> };

/** `sessionsOnly`: the route refuses every API token with 403 before any lookup (withAccess's option of that name). */
export const api = (method: string, file: string, permission: Permission, options: { body?: unknown; sessionsOnly?: true } = {}): Row => ({ kind: "route", file, name: method, permission, ...options });
export const page = (file: string, permission: Permission): Row => ({ kind: "page", file, name: "default", permission });
export const layout = (file: string, permission: Permission): Row => ({ kind: "layout", file, name: "default", permission });
export const action = (file: string, name: string, permission: Permission, call: (fn: AnyFn, s: Scope) => Promise<unknown>): Row => ({ kind: "action", file, name, permission, call });

/** A FormData from plain fields, for server actions. */
export function form(fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** Values for dynamic segments other than [org], [ws] and [env]. */
export const SEGMENTS: Record<string, string> = {
  dag_id: "matrix_dag",
  dag_run_id: "matrix_run",
  run_id: "matrix_run",
  task_id: "matrix_task",
  try_number: "1",
  key: "matrix_key",
  version: "1",
  connection_id: "matrix_conn",
  pool_name: "matrix_pool",
  webhook_id: "00000000-0000-4000-8000-00000000beef",
  group: "00000000-0000-4000-8000-000000000001",
  member: "00000000-0000-4000-8000-000000000002",
  token: "matrix-invitation-token",
  user_id: "00000000-0000-4000-8000-000000000003",
  group_id: "00000000-0000-4000-8000-000000000004",
  binding_id: "00000000-0000-4000-8000-000000000005",
  invitation_id: "00000000-0000-4000-8000-000000000006",
};

const NOWHERE = "00000000-0000-4000-8000-00000000abcd";
const ENV = "app/api/v1/environments/[env]";
const ORG = "app/api/v1/organizations/[org]";
const PEOPLE = { sessionsOnly: true } as const;
const O = "app/o/[org]";
const E = "app/o/[org]/w/[ws]/e/[env]";

export const ROWS: Row[] = [
  // ---- the signed-in person's own account (no tenant: every user gets through, tokens 403)
  page("app/app/page.tsx", "account.read"),
  page("app/app/account/page.tsx", "account.read"),
  action("app/app/account/actions.ts", "updateProfileAction", "account.update", (fn) => fn({}, form({ name: "" }))),
  action("app/(auth)/_actions/change-password.ts", "changePasswordAction", "account.update", (fn) => fn({}, form({ currentPassword: "wrong", newPassword: "x" }))),
  action("app/(auth)/_actions/log-out.ts", "logOutAction", "account.update", (fn) => fn()),
  action("app/(auth)/invite/[token]/accept-action.ts", "acceptInvitationAction", "account.update", (fn) => fn("matrix-invitation-token")),

  // ---- organization
  layout(`${O}/layout.tsx`, "organization.view"),
  page(`${O}/page.tsx`, "organization.view"),
  layout(`${O}/settings/layout.tsx`, "organization.view"),
  page(`${O}/settings/page.tsx`, "organization.read"),
  page(`${O}/settings/workspaces/page.tsx`, "organization.read"),
  action(`${O}/settings/actions.ts`, "createWorkspaceAction", "workspace.create", (fn, s) => fn(s.orgSlug, {}, form({ name: "" }))),
  action(`${O}/settings/actions.ts`, "renameOrganizationAction", "organization.update", (fn, s) => fn(s.orgSlug, {}, form({ name: "" }))),

  // ---- people (members, groups, bindings, invitations, audit)
  page(`${O}/settings/members/page.tsx`, "member.read"),
  page(`${O}/settings/members/[member]/page.tsx`, "member.read"),
  page(`${O}/settings/groups/page.tsx`, "group.read"),
  page(`${O}/settings/groups/[group]/page.tsx`, "group.read"),
  page(`${O}/settings/roles/page.tsx`, "group.read"),
  page(`${O}/settings/invitations/page.tsx`, "member.read"),
  page(`${O}/settings/audit/page.tsx`, "audit.read"),
  api("GET", `${O}/settings/audit/export/route.ts`, "audit.read"),
  action(`${O}/settings/people-actions.ts`, "createGroupAction", "group.manage", (fn, s) => fn(s.orgSlug, {}, form({ name: "" }))),
  action(`${O}/settings/people-actions.ts`, "renameGroupAction", "group.manage", (fn, s) => fn(s.orgSlug, NOWHERE, {}, form({ name: "" }))),
  action(`${O}/settings/people-actions.ts`, "deleteGroupAction", "group.manage", (fn, s) => fn(s.orgSlug, NOWHERE)),
  action(`${O}/settings/people-actions.ts`, "addGroupMemberAction", "group.manage", (fn, s) => fn(s.orgSlug, NOWHERE, {}, form({ userId: NOWHERE }))),
  action(`${O}/settings/people-actions.ts`, "removeGroupMemberAction", "group.manage", (fn, s) => fn(s.orgSlug, NOWHERE, NOWHERE)),
  action(`${O}/settings/people-actions.ts`, "createBindingAction", "organization.view", (fn, s) => fn(s.orgSlug, NOWHERE, {}, form({ scope: "organization", role: "viewer" }))),
  action(`${O}/settings/people-actions.ts`, "deleteBindingAction", "organization.view", (fn, s) => fn(s.orgSlug, NOWHERE)),
  action(`${O}/settings/people-actions.ts`, "removeMemberAction", "member.remove", (fn, s) => fn(s.orgSlug, NOWHERE)),
  action(`${O}/settings/people-actions.ts`, "leaveOrganizationAction", "organization.view", (fn, s) => fn(s.orgSlug)),
  action(`${O}/settings/people-actions.ts`, "inviteMemberAction", "member.invite", (fn, s) => fn(s.orgSlug, {}, form({ email: "" }))),
  action(`${O}/settings/people-actions.ts`, "revokeInvitationAction", "member.invite", (fn, s) => fn(s.orgSlug, NOWHERE)),

  // ---- people REST API (organization scope; sessions only: every API token gets 403)
  api("GET", `${ORG}/members/route.ts`, "member.read", PEOPLE),
  api("DELETE", `${ORG}/members/[user_id]/route.ts`, "member.remove", PEOPLE),
  api("GET", `${ORG}/invitations/route.ts`, "member.read", PEOPLE),
  api("POST", `${ORG}/invitations/route.ts`, "member.invite", { ...PEOPLE, body: { email: "" } }),
  api("DELETE", `${ORG}/invitations/[invitation_id]/route.ts`, "member.invite", PEOPLE),
  api("GET", `${ORG}/groups/route.ts`, "group.read", PEOPLE),
  api("POST", `${ORG}/groups/route.ts`, "group.manage", { ...PEOPLE, body: { name: "" } }),
  api("GET", `${ORG}/groups/[group_id]/route.ts`, "group.read", PEOPLE),
  api("PATCH", `${ORG}/groups/[group_id]/route.ts`, "group.manage", { ...PEOPLE, body: { name: "Matrix" } }),
  api("DELETE", `${ORG}/groups/[group_id]/route.ts`, "group.manage", PEOPLE),
  api("PUT", `${ORG}/groups/[group_id]/members/[user_id]/route.ts`, "group.manage", PEOPLE),
  api("DELETE", `${ORG}/groups/[group_id]/members/[user_id]/route.ts`, "group.manage", PEOPLE),
  api("GET", `${ORG}/groups/[group_id]/role_bindings/route.ts`, "group.read", PEOPLE),
  api("POST", `${ORG}/groups/[group_id]/role_bindings/route.ts`, "organization.view", { ...PEOPLE, body: { scope_type: "organization", role: "viewer" } }),
  api("DELETE", `${ORG}/groups/[group_id]/role_bindings/[binding_id]/route.ts`, "organization.view", PEOPLE),

  // ---- workspace and environment shell
  page("app/o/[org]/w/[ws]/page.tsx", "organization.view"),
  layout(`${E}/layout.tsx`, "environment.read"),
  page(`${E}/page.tsx`, "environment.read"),

  // ---- API tokens
  page(`${E}/tokens/page.tsx`, "api_token.read"),
  page(`${O}/settings/tokens/page.tsx`, "organization.view"),
  action(`${E}/tokens/actions.ts`, "createApiTokenAction", "api_token.create", (fn, s) => fn(s.env, {}, form({ name: "", role: "viewer" }))),
  action(`${E}/tokens/actions.ts`, "revokeApiTokenAction", "api_token.revoke", (fn, s) => fn(s.env, NOWHERE)),

  // ---- DAGs
  api("GET", `${ENV}/dags/route.ts`, "dag.read"),
  api("POST", `${ENV}/dags/route.ts`, "dag.deploy"),
  api("GET", `${ENV}/dags/[dag_id]/route.ts`, "dag.read"),
  api("PATCH", `${ENV}/dags/[dag_id]/route.ts`, "dag.pause", { body: { is_paused: true } }),
  api("DELETE", `${ENV}/dags/[dag_id]/route.ts`, "dag.delete"),
  api("GET", `${ENV}/dags/[dag_id]/versions/route.ts`, "dag.read"),
  api("GET", `${ENV}/dags/[dag_id]/versions/[version]/route.ts`, "dag.read"),
  api("POST", `${ENV}/dags/[dag_id]/promote/route.ts`, "dag.deploy", { body: {} }),
  page(`${E}/dags/page.tsx`, "dag.read"),
  page(`${E}/dags/deploy/page.tsx`, "dag.deploy"),
  action(`${E}/dags/actions.ts`, "setDagPausedAction", "dag.pause", (fn, s) => fn(s.env, "matrix_dag", true)),
  action(`${E}/dags/actions.ts`, "previewDagFileAction", "dag.read", (fn, s) => fn(s.env, "")),
  action(`${E}/dags/actions.ts`, "deployDagAction", "dag.deploy", (fn, s) => fn(s.env, "", "yaml")),
  action(`${E}/dags/actions.ts`, "triggerDagRunAction", "dag.trigger", (fn, s) => fn(s.env, "matrix_dag", { conf: {} })),
  action(`${E}/dags/actions.ts`, "deleteDagAction", "dag.delete", (fn, s) => fn(s.env, "matrix_dag", false)),
  layout(`${E}/dags/[dag_id]/layout.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/page.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/code/page.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/runs/page.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/grid/page.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/graph/page.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/calendar/page.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/durations/page.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/runs/[run_id]/page.tsx`, "dag.read"),
  page(`${E}/dags/[dag_id]/runs/[run_id]/tasks/[task_id]/page.tsx`, "dag.read"),
  action(`${E}/dags/[dag_id]/runs/[run_id]/actions.ts`, "clearTaskAction", "dag_run.clear", (fn, s) => fn(s.env, "matrix_dag", "matrix_run", "matrix_task", true)),
  action(`${E}/dags/[dag_id]/runs/[run_id]/actions.ts`, "markTaskAction", "dag_run.mark", (fn, s) => fn(s.env, "matrix_dag", "matrix_run", "matrix_task", "success")),
  action(`${E}/dags/[dag_id]/runs/[run_id]/actions.ts`, "markRunAction", "dag_run.mark", (fn, s) => fn(s.env, "matrix_dag", "matrix_run", "success")),
  page(`${E}/dags/[dag_id]/trigger/page.tsx`, "dag.trigger"),
  page(`${E}/dags/[dag_id]/promote/page.tsx`, "dag.read"),
  // The source is the target itself, so only the target gate runs (the source gate has its own tests).
  action(`${E}/dags/actions.ts`, "promoteDagAction", "dag.deploy", (fn, s) => fn(s.env, "matrix_dag", s.environmentId, "1")),
  page(`${E}/settings/page.tsx`, "environment.read"),
  action(`${E}/settings/actions.ts`, "saveEnvironmentSettingsAction", "environment.update", (fn, s) => fn(s.env, {}, form({ airflow_defaults: "airflow3" }))),

  // ---- DAG runs, task instances, logs, XCom
  api("GET", `${ENV}/dags/[dag_id]/dagRuns/route.ts`, "dag_run.read"),
  api("POST", `${ENV}/dags/[dag_id]/dagRuns/route.ts`, "dag.trigger", { body: {} }),
  api("GET", `${ENV}/dags/[dag_id]/dagRuns/[dag_run_id]/route.ts`, "dag_run.read"),
  api("PATCH", `${ENV}/dags/[dag_id]/dagRuns/[dag_run_id]/route.ts`, "dag_run.mark", { body: { state: "success" } }),
  api("PATCH", `${ENV}/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/[task_id]/route.ts`, "dag_run.mark", { body: { new_state: "success" } }),
  api("POST", `${ENV}/dags/[dag_id]/clearTaskInstances/route.ts`, "dag_run.clear", { body: { task_ids: ["matrix_task"], dry_run: true } }),
  api("GET", `${ENV}/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/route.ts`, "dag_run.read"),
  api("GET", `${ENV}/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/[task_id]/logs/[try_number]/route.ts`, "dag_run.read"),
  api("GET", `${ENV}/dags/[dag_id]/dagRuns/[dag_run_id]/taskInstances/[task_id]/xcomEntries/[key]/route.ts`, "dag_run.read"),

  // ---- connections and variables
  api("GET", `${ENV}/connections/route.ts`, "connection.read"),
  api("POST", `${ENV}/connections/route.ts`, "connection.write", { body: {} }),
  api("GET", `${ENV}/connections/[connection_id]/route.ts`, "connection.read"),
  api("PATCH", `${ENV}/connections/[connection_id]/route.ts`, "connection.write", { body: {} }),
  api("DELETE", `${ENV}/connections/[connection_id]/route.ts`, "connection.write"),
  api("POST", `${ENV}/connections/[connection_id]/test/route.ts`, "connection.write", { body: {} }),
  api("GET", `${ENV}/variables/route.ts`, "variable.read"),
  api("POST", `${ENV}/variables/route.ts`, "variable.write", { body: {} }),
  api("GET", `${ENV}/variables/[key]/route.ts`, "variable.read"),
  api("PATCH", `${ENV}/variables/[key]/route.ts`, "variable.write", { body: {} }),
  api("DELETE", `${ENV}/variables/[key]/route.ts`, "variable.write"),
  page(`${E}/connections/page.tsx`, "connection.read"),
  page(`${E}/connections/new/page.tsx`, "connection.write"),
  page(`${E}/connections/[connection_id]/page.tsx`, "connection.read"),
  action(`${E}/connections/actions.ts`, "createConnectionAction", "connection.write", (fn, s) => fn(s.env, {}, form({ connection_id: "", conn_type: "generic" }))),
  action(`${E}/connections/actions.ts`, "importConnectionAction", "connection.write", (fn, s) => fn(s.env, {}, form({ connection_id: "", uri: "" }))),
  action(`${E}/connections/actions.ts`, "updateConnectionAction", "connection.write", (fn, s) => fn(s.env, "matrix_conn", {}, form({ conn_type: "generic" }))),
  action(`${E}/connections/actions.ts`, "deleteConnectionAction", "connection.write", (fn, s) => fn(s.env, "matrix_conn")),
  action(`${E}/connections/actions.ts`, "testConnectionAction", "connection.write", (fn, s) => fn(s.env, "matrix_conn")),
  page(`${E}/variables/page.tsx`, "variable.read"),
  page(`${E}/variables/[key]/page.tsx`, "variable.write"),
  action(`${E}/variables/actions.ts`, "createVariableAction", "variable.write", (fn, s) => fn(s.env, {}, form({ key: "" }))),
  action(`${E}/variables/actions.ts`, "updateVariableAction", "variable.write", (fn, s) => fn(s.env, "matrix_key", false, {}, form({ value: "x" }))),
  action(`${E}/variables/actions.ts`, "deleteVariableAction", "variable.write", (fn, s) => fn(s.env, "matrix_key")),

  // ---- pools
  api("GET", `${ENV}/pools/route.ts`, "pool.read"),
  api("POST", `${ENV}/pools/route.ts`, "pool.write", { body: {} }),
  api("GET", `${ENV}/pools/[pool_name]/route.ts`, "pool.read"),
  api("PATCH", `${ENV}/pools/[pool_name]/route.ts`, "pool.write", { body: {} }),
  api("DELETE", `${ENV}/pools/[pool_name]/route.ts`, "pool.write"),
  page(`${E}/pools/page.tsx`, "pool.read"),
  page(`${E}/pools/[pool_name]/page.tsx`, "pool.write"),
  action(`${E}/pools/actions.ts`, "createPoolAction", "pool.write", (fn, s) => fn(s.env, {}, form({ name: "" }))),
  action(`${E}/pools/actions.ts`, "updatePoolAction", "pool.write", (fn, s) => fn(s.env, "matrix_pool", {}, form({ slots: "1" }))),
  action(`${E}/pools/actions.ts`, "deletePoolAction", "pool.write", (fn, s) => fn(s.env, "matrix_pool")),

  // ---- webhook triggers (the public delivery route, app/api/v1/webhooks/[webhook_id], is on PUBLIC_ROUTES)
  api("GET", `${ENV}/dags/[dag_id]/webhooks/route.ts`, "webhook.read"),
  api("POST", `${ENV}/dags/[dag_id]/webhooks/route.ts`, "webhook.write", { body: { name: "matrix" } }),
  api("GET", `${ENV}/dags/[dag_id]/webhooks/[webhook_id]/route.ts`, "webhook.read"),
  api("PATCH", `${ENV}/dags/[dag_id]/webhooks/[webhook_id]/route.ts`, "webhook.write", { body: { enabled: false } }),
  api("DELETE", `${ENV}/dags/[dag_id]/webhooks/[webhook_id]/route.ts`, "webhook.write"),
  api("POST", `${ENV}/dags/[dag_id]/webhooks/[webhook_id]/rotate/route.ts`, "webhook.write"),
  page(`${E}/dags/[dag_id]/webhooks/page.tsx`, "webhook.read"),
  action(`${E}/dags/[dag_id]/webhooks/actions.ts`, "createWebhookAction", "webhook.write", (fn, s) => fn(s.env, "matrix_dag", {}, form({ name: "matrix" }))),
  action(`${E}/dags/[dag_id]/webhooks/actions.ts`, "rotateWebhookAction", "webhook.write", (fn, s) => fn(s.env, "matrix_dag", NOWHERE)),
  action(`${E}/dags/[dag_id]/webhooks/actions.ts`, "setWebhookEnabledAction", "webhook.write", (fn, s) => fn(s.env, "matrix_dag", NOWHERE, false)),
  action(`${E}/dags/[dag_id]/webhooks/actions.ts`, "deleteWebhookAction", "webhook.write", (fn, s) => fn(s.env, "matrix_dag", NOWHERE)),
];

/** How the registry and the failure messages name an entry point. */
export const rowKey = (r: { kind: string; file: string; name: string }) => `${r.kind} ${r.name} ${r.file}`;
