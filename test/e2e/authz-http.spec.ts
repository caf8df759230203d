// The cross-tenant matrix over real HTTP against the built app: every route handler and
// page row of test/authz/routes.ts, requested with a session cookie (people who logged in
// through the form) or an API token, must answer what the gate decides: 401 (API) or a
// redirect to /login (pages) for nobody, 404 across tenants and environments, 403 for a
// lower role, and through for the right role. The in-process matrix (test/authz) covers
// server actions and checks which permission each entry point asks for; this one proves
// the answers survive Next's real request handling (status codes, redirects, headers).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { APIRequestContext, Browser } from "playwright-core";
import { PERMISSIONS, ROLES, type ApiTokenRole, type Role } from "../../lib/domain/authz";
import { hashPassword } from "../../lib/server/auth/passwords";
import { closeDb, db } from "../../lib/server/db";
import { checkAccess } from "../../lib/server/authz";
import { deployDag } from "../../lib/server/services/dags/deploy-dag";
import { mintToken } from "../factories/api-tokens";
import { dagYaml } from "../factories/dags";
import { FACTORY_PASSWORD, signUpUser, type SignedUpUser } from "../factories/users";
import { ROWS, SEGMENTS, rowKey, type Row } from "../authz/routes";
import { baseUrl, launchBrowser } from "./support/browser";

type Login = { email: string; request: APIRequestContext | null; userId: string };
type Expected = 401 | 403 | 404 | "through";
type Subject = { name: string; cookie?: () => Login; bearer?: () => string; expect: Expected };

let browser: Browser;
let anonymous: APIRequestContext;
let acme: SignedUpUser;
let globex: SignedUpUser;
const people: Record<string, Login> = {};
const tokens: Record<string, string> = {};
let ensureDag: () => Promise<void> = async () => undefined;

/** A member of acme with a real password, in a new group bound with `role` (none: no group). */
async function member(label: string, role: Role | null, scope: { environmentId?: string; workspaceId?: string } = {}): Promise<Login> {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const user = await db().user.create({ data: { email, name: label, passwordHash: await hashPassword(FACTORY_PASSWORD) } });
  const organizationId = acme.organization.id;
  await db().membership.create({ data: { organizationId, userId: user.id } });
  if (role) {
    const group = await db().group.create({ data: { organizationId, name: `http-${label}-${user.id.slice(0, 6)}`, members: { create: { userId: user.id } } } });
    const scopeType = scope.environmentId ? "environment" : scope.workspaceId ? "workspace" : "organization";
    await db().roleBinding.create({
      data: { organizationId, groupId: group.id, scopeType, workspaceId: scope.workspaceId ?? null, environmentId: scope.environmentId ?? null, role },
    });
  }
  return { email, request: null, userId: user.id };
}

/** Logs in through the form once; the context's request client then carries the session cookie. */
async function logIn(login: Login): Promise<void> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(login.email);
  await page.getByLabel("Password", { exact: true }).fill(FACTORY_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 30_000 });
  await page.close();
  login.request = context.request;
}

beforeAll(async () => {
  browser = await launchBrowser();
  anonymous = (await browser.newContext({ baseURL: baseUrl })).request;
  [acme, globex] = await Promise.all([signUpUser({ organizationName: "Acme HTTP" }), signUpUser({ organizationName: "Globex HTTP" })]);
  const dev = acme.environments.dev.id;
  people.acmeOwner = { email: acme.user.email, request: null, userId: acme.user.id };
  people.globexOwner = { email: globex.user.email, request: null, userId: globex.user.id };
  people.bare = await member("bare", null);
  people.stgAdmin = await member("stg-admin", "admin", { environmentId: acme.environments.stg.id });
  for (const role of ["viewer", "operator", "editor", "admin"] as const) people[`env-${role}`] = await member(`env-${role}`, role, { environmentId: dev });
  for (const role of ORG_ROLES) people[`org-${role}`] = await member(`org-${role}`, role);
  for (const login of Object.values(people)) await logIn(login);

  const owner = { kind: "user" as const, userId: acme.user.id, sessionId: "e2e", email: acme.user.email, name: acme.user.name };
  for (const role of ["viewer", "operator", "editor", "admin"] as const) tokens[role] = (await mintToken(owner, dev, role)).secret;
  tokens.stgAdmin = (await mintToken(owner, acme.environments.stg.id, "admin")).secret;
  // The DAG the rows name exists, so its pages answer 403/through rather than "no such DAG";
  // a DELETE row removes it, so it is deployed again before each request (a no-op when present).
  const deployAccess = await checkAccess(owner, "dag.deploy", { environmentId: dev });
  ensureDag = () => deployDag(deployAccess, { body: dagYaml(SEGMENTS.dag_id!), format: "yaml" }).then(() => undefined);
}, 180_000);
beforeEach(() => ensureDag());
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const ORG_ROLES = ["viewer", "editor", "admin"] as const;
const below = (role: Role | null): Role | null => (role ? (ROLES[ROLES.indexOf(role) - 1] ?? null) : null);

function subjectsFor(row: Row): Subject[] {
  const { level } = PERMISSIONS[row.permission];
  const minRole = PERMISSIONS[row.permission].minRole as Role | null;
  const lower = below(minRole);
  const isApi = row.kind === "route";
  const list: Subject[] = [{ name: "nobody", expect: 401 }];
  if (isApi) list.push({ name: "a wrong token", bearer: () => `wsk_${"x".repeat(43)}`, expect: 401 });
  if (level === "account") {
    list.push({ name: "a user of another organization (their own account)", cookie: () => people.globexOwner!, expect: "through" });
    return list;
  }
  list.push({ name: "a user of another organization", cookie: () => people.globexOwner!, expect: 404 });
  if (level === "environment") {
    list.push({ name: "a member with admin on another environment only", cookie: () => people.stgAdmin!, expect: 404 });
    if (lower) list.push({ name: `a member with ${lower}`, cookie: () => people[`env-${lower}`]!, expect: 403 });
    list.push({ name: `a member with ${minRole}`, cookie: () => people[`env-${minRole}`]!, expect: "through" });
    if (isApi) {
      list.push({ name: "an admin token of another environment", bearer: () => tokens.stgAdmin!, expect: 404 });
      if (lower) list.push({ name: `a ${lower} token`, bearer: () => tokens[lower as ApiTokenRole]!, expect: 403 });
      list.push({ name: `a ${minRole} token`, bearer: () => tokens[minRole as ApiTokenRole]!, expect: "through" });
    }
    return list;
  }
  if (isApi) list.push({ name: "an admin token (outside its environment)", bearer: () => tokens.admin!, expect: row.kind === "route" && row.sessionsOnly ? 403 : 404 });
  if (minRole === null) {
    // Any member passes this gate; one with a role in the workspace also sees what lies below it.
    list.push({ name: "a member (viewer of one environment)", cookie: () => people["env-viewer"]!, expect: "through" });
    return list;
  }
  const lowerAtOrg = lower && (ORG_ROLES as readonly string[]).includes(lower) ? lower : null;
  list.push({ name: `a member with ${lowerAtOrg ?? "no role"} on the organization`, cookie: () => (lowerAtOrg ? people[`org-${lowerAtOrg}`]! : people.bare!), expect: 403 });
  list.push({ name: `a member with ${minRole} on the organization`, cookie: () => (minRole === "owner" ? people.acmeOwner! : people[`org-${minRole}`]!), expect: "through" });
  return list;
}

function urlOf(row: Row): string {
  const ids = row.file.startsWith("app/api/");
  const value = (name: string) => {
    if (name === "org") return ids ? acme.organization.id : acme.organization.slug;
    if (name === "ws") return ids ? acme.workspace.id : acme.workspace.slug;
    if (name === "env") return ids ? acme.environments.dev.id : "dev";
    return SEGMENTS[name] ?? `matrix-${name}`;
  };
  return row.file
    .replace(/^app/, "")
    .replace(/\/(route|page)\.tsx?$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(value(name)));
}

/** Segments other than [org] [ws] [env] [dag_id] name objects that do not exist: the page may 404 after the gate. */
const namesMissingObject = (row: Row) => /\[(?!org\]|ws\]|env\]|dag_id\])[^\]]+\]/.test(row.file);

const HTTP_ROWS = ROWS.filter((r) => r.kind === "route" || r.kind === "page");

describe.each(HTTP_ROWS.map((row) => [rowKey(row), row] as const))("%s over HTTP", (_key, row) => {
  it.each(subjectsFor(row).map((s) => [s.name, s] as const))("%s", async (_name, subject) => {
    const method = row.kind === "route" ? row.name : "GET";
    const headers: Record<string, string> = { origin: baseUrl };
    if (subject.bearer) headers.authorization = `Bearer ${subject.bearer()}`;
    const data = row.kind === "route" && row.body !== undefined ? row.body : undefined;
    const client = subject.cookie ? subject.cookie().request! : anonymous;
    const response = await client.fetch(`${baseUrl}${urlOf(row)}`, { method, headers, data, maxRedirects: 0, failOnStatusCode: false });
    const status = response.status();
    const seen = `${method} ${urlOf(row)} -> ${status} ${response.headers().location ?? ""}`;

    if (subject.expect === 401 && row.kind === "page") {
      expect([303, 307, 308], seen).toContain(status);
      expect(response.headers().location ?? "", seen).toMatch(/\/login/);
    } else if (subject.expect === "through") {
      expect([401, 403], seen).not.toContain(status);
      if (status === 404) expect(namesMissingObject(row), `${seen}: 404 for the right role`).toBe(true);
      if (row.kind === "page") expect(response.headers().location ?? "", seen).not.toMatch(/\/login/);
    } else {
      expect(status, seen).toBe(subject.expect);
    }
    if (row.kind === "route" && typeof subject.expect === "number") {
      const body = (await response.json()) as { error?: { code?: string } };
      expect(body.error?.code, seen).toBe({ 401: "unauthenticated", 403: "forbidden", 404: "not_found" }[subject.expect]);
    }
  });
});
