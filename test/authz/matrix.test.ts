// The cross-tenant matrix (issue 7): every row of test/authz/routes.ts, called as every
// kind of caller, must get exactly the gate's answer:
//   401  nobody, or a wrong / expired / revoked API token;
//   404  a user of another organization, a member without access to the environment, a
//        token outside its environment (same body as a missing id);
//   403  a member or token with a lower role (audited by the gate); and any token on a
//        sessions-only route (the organization-scope people API), decided before any lookup;
//   through  the right role (for a user: bound at the environment, and inherited from the
//        workspace and the organization; for a token: one of that role in that environment).
// Route handlers are called in-process with a Request (tokens in its Authorization
// header), pages and layouts through their default export, server actions directly, users
// with runAsPrincipal. What the gate decided is read from the gate itself (the
// check-access module is wrapped below), so a page's 404 screen or an action's form error
// are told apart from a refusal, and a row that names the wrong permission fails.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PERMISSIONS, ROLES, type ApiTokenRole, type Permission, type Role } from "../../lib/domain/authz";
import { NOT_FOUND_MESSAGE, runAsPrincipal, type UserPrincipal } from "../../lib/server/authz";
import { hashApiToken } from "../../lib/server/auth/api-tokens";
import { closeDb, db } from "../../lib/server/db";
import { mintToken } from "../factories/api-tokens";
import { makeMember, makeTenant, makeUser, type Tenant } from "../integration/authz-gate/fixtures";
import { ROOT } from "../support/entry-points";
import { ROWS, SEGMENTS, rowKey, type Row, type Scope } from "./routes";

type GateCall = { permission: string; outcome: string };
const gate = vi.hoisted(() => {
  // forbidden() is behind Next's experimental flag, which next.config.ts turns on.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  return { calls: [] as GateCall[] };
});

// Records every answer of the gate, then passes it on unchanged.
vi.mock("../../lib/server/authz/check-access", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../lib/server/authz/check-access")>();
  const { AppError } = await import("../../lib/server/errors");
  const record = async <T,>(permission: string, answer: Promise<T>): Promise<T> => {
    try {
      const access = await answer;
      gate.calls.push({ permission, outcome: "allow" });
      return access;
    } catch (error) {
      gate.calls.push({ permission, outcome: error instanceof AppError ? error.code : "error" });
      throw error;
    }
  };
  return {
    ...real,
    checkAccess: ((principal, permission, scope, options) => record(permission, real.checkAccess(principal, permission, scope, options))) as typeof real.checkAccess,
    requireAccess: ((permission, scope) => record(permission, real.requireAccess(permission, scope))) as typeof real.requireAccess,
  };
});
// Pages and actions read the request's headers from Next: give them the caller's.
vi.mock("next/headers", () => ({
  headers: async () => (globalThis as { matrixHeaders?: AsyncLocalStorage<Headers> }).matrixHeaders?.getStore() ?? new Headers(),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
// No browser, so no session cookie: the cookie path answers "nobody". next-auth itself
// only loads inside Next; modules that import it (the log-out button) get a stand-in.
vi.mock("../../lib/server/auth/current-session", () => ({ currentSession: async () => null }));
vi.mock("../../lib/server/auth/next-auth", () => ({
  auth: async () => null,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
  LoginRefused: class extends Error {},
}));

const headerStore = new AsyncLocalStorage<Headers>();
(globalThis as { matrixHeaders?: AsyncLocalStorage<Headers> }).matrixHeaders = headerStore;

type Expected = 401 | 403 | 404 | "through";
type Caller = { user: UserPrincipal } | { bearer: string | null };
type Subject = { name: string; caller: () => Promise<Caller>; expect: Expected };

let acme: Tenant;
let globex: Tenant;
let scope: Scope;
const shared = {} as {
  bare: UserPrincipal;
  stgAdmin: UserPrincipal;
  lower: Record<"environment" | "workspace" | "organization", Record<Role, UserPrincipal>>;
  devTokens: Record<ApiTokenRole, string>;
  stgAdminToken: string;
  globexToken: string;
  expired: string;
  revoked: string;
};

beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  const dev = acme.environments.dev.id;
  scope = {
    orgSlug: acme.organization.slug,
    workspaceSlug: acme.workspace.slug,
    envSlug: "dev",
    organizationId: acme.organization.id,
    workspaceId: acme.workspace.id,
    environmentId: dev,
    env: { orgSlug: acme.organization.slug, workspaceSlug: acme.workspace.slug, envSlug: "dev" },
  };
  const at = { environment: { environmentId: dev }, workspace: { workspaceId: acme.workspace.id }, organization: {} } as const;
  shared.lower = { environment: {}, workspace: {}, organization: {} } as typeof shared.lower;
  for (const level of ["environment", "workspace", "organization"] as const)
    for (const role of ["viewer", "operator", "editor", "admin"] as const) shared.lower[level][role] = await makeMember(acme, role, at[level]);
  shared.bare = await makeMember(acme, null);
  shared.stgAdmin = await makeMember(acme, "admin", { environmentId: acme.environments.stg.id });
  shared.devTokens = {} as Record<ApiTokenRole, string>;
  for (const role of ["viewer", "operator", "editor", "admin"] as const) shared.devTokens[role] = (await mintToken(acme.owner, dev, role)).secret;
  shared.stgAdminToken = (await mintToken(acme.owner, acme.environments.stg.id, "admin")).secret;
  shared.globexToken = (await mintToken(globex.owner, globex.environments.dev.id, "admin")).secret;
  shared.expired = (await mintToken(acme.owner, dev, "admin", { state: "expired" })).secret;
  shared.revoked = (await mintToken(acme.owner, dev, "admin", { state: "revoked" })).secret;
});
afterAll(closeDb);

const below = (role: Role | null): Role | null => (role ? (ROLES[ROLES.indexOf(role) - 1] ?? null) : null);
const user = (p: () => UserPrincipal) => async (): Promise<Caller> => ({ user: p() });
const token = (secret: () => string) => async (): Promise<Caller> => ({ bearer: secret() });

/** Who calls a row, and what each must get. "through" callers are made fresh per row, so a row that changes things (leave, revoke) cannot disturb the next. */
function subjectsFor(row: Row): Subject[] {
  const { level } = PERMISSIONS[row.permission];
  const minRole = PERMISSIONS[row.permission].minRole as Role | null;
  const list: Subject[] = [
    { name: "nobody (no credentials)", caller: async () => ({ bearer: null }), expect: 401 },
    { name: "a wrong API token", caller: async () => ({ bearer: `wsk_${randomBytes(32).toString("base64url")}` }), expect: 401 },
    { name: "an expired API token", caller: token(() => shared.expired), expect: 401 },
    { name: "a revoked API token", caller: token(() => shared.revoked), expect: 401 },
  ];
  if (level === "account") {
    list.push({ name: "any signed-in user (their own account)", caller: async () => ({ user: await makeUser("anyone") }), expect: "through" });
    list.push({ name: "an API token (never acts on a person's account)", caller: token(() => shared.devTokens.admin), expect: 403 });
    return list;
  }
  list.push({ name: "a user of another organization", caller: user(() => globex.owner), expect: 404 });
  // A sessions-only route refuses any token for what it is, before looking anything up.
  const tokenOutside: Expected = row.kind === "route" && row.sessionsOnly ? 403 : 404;
  list.push({ name: "an API token of another organization", caller: token(() => shared.globexToken), expect: tokenOutside });
  const lower = below(minRole);
  if (level === "environment") {
    list.push({ name: "a member with admin on another environment only", caller: user(() => shared.stgAdmin), expect: 404 });
    list.push({ name: "a member without any role", caller: user(() => shared.bare), expect: 404 });
    if (lower) list.push({ name: `a member with ${lower} on the environment`, caller: user(() => shared.lower.environment[lower]), expect: 403 });
    list.push({ name: `a member with ${minRole} on the environment`, caller: async () => ({ user: await makeMember(acme, minRole, { environmentId: acme.environments.dev.id }) }), expect: "through" });
    list.push({ name: `a member with ${minRole} on the workspace (inherited)`, caller: async () => ({ user: await makeMember(acme, minRole, { workspaceId: acme.workspace.id }) }), expect: "through" });
    list.push({ name: `a member with ${minRole} on the organization (inherited)`, caller: async () => ({ user: await makeMember(acme, minRole) }), expect: "through" });
    list.push({ name: "an admin API token of another environment in the same workspace", caller: token(() => shared.stgAdminToken), expect: 404 });
    if (lower) list.push({ name: `a ${lower} API token of this environment`, caller: token(() => shared.devTokens[lower as ApiTokenRole]), expect: 403 });
    if (minRole && minRole !== "owner")
      list.push({ name: `a ${minRole} API token of this environment`, caller: async () => ({ bearer: (await mintToken(acme.owner, acme.environments.dev.id, minRole as ApiTokenRole)).secret }), expect: "through" });
    return list;
  }
  // Workspace and organization: a token sees only its environment, so even an admin token is outside.
  list.push({ name: "an admin API token of an environment below", caller: token(() => shared.devTokens.admin), expect: tokenOutside });
  if (level === "workspace") {
    list.push({ name: "a member without any role", caller: user(() => shared.bare), expect: 404 });
    if (lower) list.push({ name: `a member with ${lower} on the workspace`, caller: user(() => shared.lower.workspace[lower]), expect: 403 });
    list.push({ name: `a member with ${minRole} on the workspace`, caller: async () => ({ user: await makeMember(acme, minRole, { workspaceId: acme.workspace.id }) }), expect: "through" });
    return list;
  }
  if (minRole === null) {
    list.push({ name: "a member without any role", caller: async () => ({ user: await makeMember(acme, null) }), expect: "through" });
    return list;
  }
  list.push({ name: "a member without any role", caller: user(() => shared.bare), expect: 403 });
  if (lower) list.push({ name: `a member with ${lower} on the organization`, caller: user(() => shared.lower.organization[lower as Exclude<Role, "owner">]), expect: 403 });
  list.push({
    name: `a member with ${minRole} on the organization`,
    caller: async () => ({ user: minRole === "owner" ? acme.owner : await makeMember(acme, minRole) }),
    expect: "through",
  });
  return list;
}

/** The route's params: [org] [ws] [env] from the target (ids under app/api/), the rest from SEGMENTS. */
function paramsOf(file: string): Record<string, string> {
  const ids = file.startsWith("app/api/");
  const params: Record<string, string> = {};
  for (const [, name] of file.matchAll(/\[([^\]]+)\]/g)) {
    if (name === "org") params.org = ids ? scope.organizationId : scope.orgSlug;
    else if (name === "ws") params.ws = ids ? scope.workspaceId : scope.workspaceSlug;
    else if (name === "env") params.env = ids ? scope.environmentId : scope.envSlug;
    else if (name!.startsWith("...")) params[name!.slice(3)] = "x";
    else params[name!] = SEGMENTS[name!] ?? `matrix-${name}`;
  }
  return params;
}

function urlOf(file: string, params: Record<string, string>): string {
  const route = file
    .replace(/^app/, "")
    .replace(/\/(route|page|layout)\.tsx?$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? name));
  return `http://app.test${route || "/"}`;
}

type Outcome = { status: number | null; body: unknown; calls: GateCall[]; thrown: unknown };

async function invoke(row: Row, caller: Caller): Promise<Outcome> {
  const mod = (await import(path.join(ROOT, row.file))) as Record<string, unknown>;
  const fn = mod[row.kind === "action" ? row.name : row.kind === "route" ? row.name : "default"];
  if (typeof fn !== "function") throw new Error(`${row.file} exports no ${row.name}`);
  const headers = new Headers({ host: "app.test", origin: "http://app.test", "user-agent": "authz-matrix" });
  if ("bearer" in caller && caller.bearer) headers.set("authorization", `Bearer ${caller.bearer}`);
  const params = paramsOf(row.file);

  const run = async (): Promise<Outcome> => {
    gate.calls = [];
    let status: number | null = null;
    let body: unknown = null;
    let thrown: unknown = null;
    try {
      if (row.kind === "route") {
        const hasBody = row.body !== undefined;
        if (hasBody) headers.set("content-type", "application/json");
        const request = new Request(urlOf(row.file, params), { method: row.name, headers, body: hasBody ? JSON.stringify(row.body) : undefined });
        const response = (await (fn as (r: Request, c: unknown) => Promise<Response>)(request, { params: Promise.resolve(params) })) as Response;
        status = response.status;
        body = await response.clone().json().catch(() => null);
      } else if (row.kind === "action") {
        await row.call(fn as never, scope);
      } else {
        await (fn as (p: unknown) => Promise<unknown>)({ params: Promise.resolve(params), searchParams: Promise.resolve({}), children: null });
      }
    } catch (error) {
      thrown = error; // redirects, 404/403 screens, and anything after the gate
    }
    return { status, body, calls: gate.calls, thrown };
  };
  return headerStore.run(headers, () => ("user" in caller ? runAsPrincipal(caller.user, run) : run()));
}

const CODE: Record<string, Expected> = { unauthenticated: 401, not_found: 404, forbidden: 403 };

/** What the gate answered: its first refusal, or "through" when it let the row's permission pass. */
function gateAnswer(row: Row, o: Outcome): { answer: Expected | "no gate call"; permission?: string } {
  const refusal = o.calls.find((c) => c.outcome !== "allow");
  if (refusal) return { answer: CODE[refusal.outcome] ?? (refusal.outcome as never), permission: refusal.permission };
  if (row.kind === "route" && o.status === 401) return { answer: 401 }; // withAccess refuses before asking
  if (o.calls.some((c) => c.permission === row.permission && c.outcome === "allow")) return { answer: "through", permission: row.permission };
  return { answer: "no gate call" };
}

/** The audit log's id for a caller: the user, or the token found by its secret's hash. */
async function principalId(caller: Caller): Promise<string | null> {
  if ("user" in caller) return caller.user.userId;
  if (!caller.bearer) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashApiToken(caller.bearer) }, select: { id: true } });
  return row?.id ?? null;
}

describe.each(ROWS.map((row) => [rowKey(row), row] as const))("%s", (_key, row) => {
  it.each(subjectsFor(row).map((s) => [s.name, s] as const))("%s", async (_name, subject) => {
    const caller = await subject.caller();
    const before = new Date(Date.now() - 1000);
    const outcome = await invoke(row, caller);
    const { answer, permission } = gateAnswer(row, outcome);
    const seen = `gate calls ${JSON.stringify(outcome.calls)}, status ${outcome.status}, thrown ${String((outcome.thrown as Error)?.message ?? outcome.thrown)}`;
    expect(answer, seen).toBe(subject.expect);
    if (permission && subject.expect !== 401) expect(permission, `the row says ${row.permission}; the entry point asked the gate for ${permission}`).toBe(row.permission);
    if (subject.expect === 403) {
      // Every refusal of something the caller can see is in the audit log, as who and what.
      const denied = await db().auditEvent.count({ where: { principalId: (await principalId(caller))!, action: row.permission, outcome: "denied", at: { gte: before } } });
      expect(denied, "a 403 writes a denied audit event").toBeGreaterThan(0);
    }
    if (row.kind === "route") {
      if (subject.expect === "through") expect([401, 403], seen).not.toContain(outcome.status);
      else expect(outcome.status, seen).toBe(subject.expect);
      if (subject.expect === 404) expect(outcome.body).toEqual({ error: { code: "not_found", message: NOT_FOUND_MESSAGE } });
      if (subject.expect === 401 || subject.expect === 403) expect((outcome.body as { error: { code: string } }).error.code).toBe(subject.expect === 401 ? "unauthenticated" : "forbidden");
    }
  });
});

it("has rows with permissions from the table", () => {
  for (const row of ROWS) expect(Object.hasOwn(PERMISSIONS, row.permission), rowKey(row)).toBe(true);
  const levels = new Set(ROWS.map((r) => PERMISSIONS[r.permission as Permission].level));
  for (const level of ["account", "environment", "organization"]) expect(levels).toContain(level);
});
