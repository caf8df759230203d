// API tokens end to end: minted by an environment admin, shown once, stored hashed,
// accepted by GET /api/v1/environments/{env}/dags only inside their environment and role,
// refused (401) when wrong, expired or revoked; last use recorded, throttled; audited.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listDagsRoute } from "../../../app/api/v1/environments/[env]/dags/route";
import { hashApiToken, authenticateApiToken, API_TOKEN_TOUCH_INTERVAL_MS } from "../../../lib/server/auth/api-tokens";
import { checkAccess, NOT_FOUND_MESSAGE, runAsPrincipal, withAccess } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { AppError } from "../../../lib/server/errors";
import { createApiToken } from "../../../lib/server/services/tokens/create-api-token";
import { listApiTokens } from "../../../lib/server/services/tokens/list-api-tokens";
import { listOrganizationApiTokens } from "../../../lib/server/services/tokens/list-organization-api-tokens";
import { revokeApiToken } from "../../../lib/server/services/tokens/revoke-api-token";
import { bearer, mintToken } from "../../factories/api-tokens";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";

// No browser here, so no session cookie: the cookie path answers "nobody" (next-auth
// itself only loads inside Next).
vi.mock("../../../lib/server/auth/current-session", () => ({ currentSession: async () => null }));

let acme: Tenant;
let globex: Tenant;
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
});
afterAll(closeDb);

/** The route over a real Request, credentials in its headers only (no runAsPrincipal). */
async function getDags(env: string, headers: Record<string, string> = {}) {
  const response = await listDagsRoute(new Request(`http://app.test/api/v1/environments/${env}/dags`, { headers }), { params: Promise.resolve({ env }) });
  return { status: response.status, body: await response.json(), challenge: response.headers.get("www-authenticate") };
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
};

describe("minting", () => {
  it("shows a wsk_ secret once and stores only its SHA-256 and a display prefix", async () => {
    const token = await mintToken(acme.owner, acme.environments.dev.id, "operator", { name: "ci deploys" });
    expect(token.secret).toMatch(/^wsk_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(token.secret.slice(0, 12));
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashApiToken(token.secret));
    expect(JSON.stringify(row)).not.toContain(token.secret);
    expect(row).toMatchObject({ name: "ci deploys", role: "operator", environmentId: acme.environments.dev.id, workspaceId: acme.workspace.id, createdById: acme.owner.userId });
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeCloseTo(30 * 86_400_000, -4);
  });

  it("audits creation with principal and target, never the secret", async () => {
    const token = await mintToken(acme.owner, acme.environments.stg.id, "viewer");
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "api_token.create", targetId: token.id } });
    expect(event).toMatchObject({ principalType: "user", principalId: acme.owner.userId, targetType: "api_token", environmentId: acme.environments.stg.id, outcome: "success" });
    expect(JSON.stringify(event)).not.toContain(token.secret);
    expect(JSON.stringify(event)).not.toContain(hashApiToken(token.secret));
  });

  it("needs admin on the environment: an editor gets 403, a member of another environment 404", async () => {
    const editor = await makeMember(acme, "editor");
    expect((await refusal(checkAccess(editor, "api_token.create", { environmentId: acme.environments.dev.id }))).code).toBe("forbidden");
    const prdAdmin = await makeMember(acme, "admin", { environmentId: acme.environments.prd.id });
    expect((await refusal(checkAccess(prdAdmin, "api_token.create", { environmentId: acme.environments.dev.id }))).code).toBe("not_found");
    // ...and inside their own environment they may mint up to admin
    await expect(mintToken(prdAdmin, acme.environments.prd.id, "admin")).resolves.toMatchObject({ role: "admin" });
  });

  it("refuses bad input with every problem named (422)", async () => {
    const access = await checkAccess(acme.owner, "api_token.create", { environmentId: acme.environments.dev.id });
    const error = await refusal(createApiToken(access, { name: " ", role: "owner" as never, expiresInDays: 999 }));
    expect(error.code).toBe("unprocessable");
    expect(Object.keys(error.details as object).sort()).toEqual(["expiresInDays", "name", "role"]);
  });

  it("a token cannot mint tokens, even an admin token", async () => {
    const admin = await mintToken(acme.owner, acme.environments.dev.id, "admin");
    const principal = await authenticateApiToken(admin.secret, null);
    const access = await checkAccess(principal, "api_token.create", { environmentId: acme.environments.dev.id });
    expect((await refusal(createApiToken(access, { name: "child", role: "viewer" }))).code).toBe("forbidden");
  });
});

describe("a token at the gate", () => {
  it("reads its own environment's DAGs", async () => {
    const token = await mintToken(acme.owner, acme.environments.prd.id, "viewer");
    expect(await getDags(acme.environments.prd.id, bearer(token.secret))).toEqual({ status: 200, body: { dags: [], total_entries: 0 }, challenge: null });
  });

  it("gets 404, the same body as a missing id, outside its environment (same workspace or another tenant)", async () => {
    const token = await mintToken(acme.owner, acme.environments.prd.id, "admin");
    const expected = { status: 404, body: { error: { code: "not_found", message: NOT_FOUND_MESSAGE } }, challenge: null };
    expect(await getDags(acme.environments.dev.id, bearer(token.secret))).toEqual(expected);
    expect(await getDags(globex.environments.prd.id, bearer(token.secret))).toEqual(expected);
    expect(await getDags(randomUUID(), bearer(token.secret))).toEqual(expected);
    const principal = await authenticateApiToken(token.secret, null);
    expect((await refusal(checkAccess(principal, "workspace.read", { workspaceId: acme.workspace.id }))).code).toBe("not_found");
    expect((await refusal(checkAccess(principal, "organization.view", { organizationId: acme.organization.id }))).code).toBe("not_found");
  });

  it("gets 403 above its role", async () => {
    const token = await mintToken(acme.owner, acme.environments.dev.id, "viewer");
    const trigger = withAccess("dag.trigger", (p: { env: string }) => ({ environmentId: p.env }), async () => Response.json({ ok: true }));
    const env = acme.environments.dev.id;
    const response = await trigger(new Request(`http://app.test/x`, { method: "POST", headers: bearer(token.secret) }), { params: Promise.resolve({ env }) });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  });

  it.each([
    ["no credentials", {}],
    ["an unknown token", bearer(`wsk_${"A".repeat(43)}`)],
    ["a malformed token", bearer("wsk_short")],
    ["a non-Bearer scheme", { authorization: "Basic dXNlcjpwYXNz" }],
  ])("answers 401 JSON to %s", async (_name, headers) => {
    const { status, body, challenge } = await getDags(acme.environments.dev.id, headers);
    expect(status).toBe(401);
    expect(body.error.code).toBe("unauthenticated");
    expect(challenge).toBe('Bearer realm="windsock"');
  });

  it("answers 401 to an expired and to a revoked token", async () => {
    const expired = await mintToken(acme.owner, acme.environments.dev.id, "viewer", { state: "expired" });
    expect((await getDags(acme.environments.dev.id, bearer(expired.secret))).status).toBe(401);
    const live = await mintToken(acme.owner, acme.environments.dev.id, "viewer");
    expect((await getDags(acme.environments.dev.id, bearer(live.secret))).status).toBe(200);
    const access = await checkAccess(acme.owner, "api_token.revoke", { environmentId: acme.environments.dev.id });
    await revokeApiToken(access, live.id);
    expect((await getDags(acme.environments.dev.id, bearer(live.secret))).status).toBe(401);
  });

  it("records last use (time and address), at most once a minute", async () => {
    const token = await mintToken(acme.owner, acme.environments.dev.id, "viewer");
    const env = acme.environments.dev.id;
    await getDags(env, { ...bearer(token.secret), "x-forwarded-for": "203.0.113.7" });
    const first = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(first.lastUsedIp).toBe("203.0.113.7");
    expect(Date.now() - first.lastUsedAt!.getTime()).toBeLessThan(10_000);
    await getDags(env, { ...bearer(token.secret), "x-forwarded-for": "198.51.100.1" });
    const second = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(second.lastUsedAt).toEqual(first.lastUsedAt);
    // a minute later the next call is recorded
    const later = new Date(first.lastUsedAt!.getTime() + API_TOKEN_TOUCH_INTERVAL_MS + 1);
    await authenticateApiToken(token.secret, "198.51.100.1", later);
    expect(await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ lastUsedAt: later, lastUsedIp: "198.51.100.1" });
  });
});

describe("listing and revoking", () => {
  it("lists the environment's tokens without secrets or hashes, with status", async () => {
    const env = await makeTenant("Lister");
    const active = await mintToken(env.owner, env.environments.dev.id, "editor", { name: "active one" });
    await mintToken(env.owner, env.environments.dev.id, "viewer", { name: "expired one", state: "expired" });
    await mintToken(env.owner, env.environments.stg.id, "viewer", { name: "other env" });
    const access = await checkAccess(env.owner, "api_token.read", { environmentId: env.environments.dev.id });
    const tokens = await listApiTokens(access);
    expect(tokens.map((t) => [t.name, t.status]).sort()).toEqual([
      ["active one", "active"],
      ["expired one", "expired"],
    ]);
    expect(tokens.find((t) => t.id === active.id)).toMatchObject({ role: "editor", prefix: active.prefix, createdBy: { id: env.owner.userId } });
    expect(JSON.stringify(tokens)).not.toContain(active.secret);
    expect(JSON.stringify(tokens)).not.toMatch(/tokenHash|[0-9a-f]{64}/);
  });

  it("the organization overview shows each caller the tokens of the environments they administer, and only those", async () => {
    const t = await makeTenant("Overview");
    await mintToken(t.owner, t.environments.dev.id, "viewer", { name: "dev one" });
    await mintToken(t.owner, t.environments.prd.id, "editor", { name: "prd one" });
    const other = await makeTenant("Elsewhere");
    await mintToken(other.owner, other.environments.prd.id, "admin", { name: "foreign" });
    const names = async (who: Awaited<ReturnType<typeof makeMember>>) => {
      const { tokens, administeredEnvironments } = await listOrganizationApiTokens(await checkAccess(who, "organization.view", { organizationId: t.organization.id }));
      return { names: tokens.map((x) => `${x.name}@${x.environment.slug}`).sort(), administeredEnvironments };
    };
    expect(await names(t.owner)).toEqual({ names: ["dev one@dev", "prd one@prd"], administeredEnvironments: 3 });
    expect(await names(await makeMember(t, "admin", { environmentId: t.environments.prd.id }))).toEqual({ names: ["prd one@prd"], administeredEnvironments: 1 });
    expect(await names(await makeMember(t, "editor"))).toEqual({ names: [], administeredEnvironments: 0 });
  });

  it("revokes once, audited; another environment's token is 404", async () => {
    const token = await mintToken(acme.owner, acme.environments.stg.id, "operator");
    const devAccess = await runAsPrincipal(acme.owner, () => checkAccess(acme.owner, "api_token.revoke", { environmentId: acme.environments.dev.id }));
    expect((await refusal(revokeApiToken(devAccess, token.id))).code).toBe("not_found");
    const stgAccess = await checkAccess(acme.owner, "api_token.revoke", { environmentId: acme.environments.stg.id });
    await revokeApiToken(stgAccess, token.id);
    expect((await refusal(revokeApiToken(stgAccess, token.id))).code).toBe("conflict");
    const events = await db().auditEvent.findMany({ where: { action: "api_token.revoke", targetId: token.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ principalId: acme.owner.userId, outcome: "success" });
  });
});
