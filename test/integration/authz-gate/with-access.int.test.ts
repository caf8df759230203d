// Route handlers behind withAccess: JSON errors with one body for every invisible id,
// 403 for a low role, the Origin check on cookie-authenticated writes, no stack traces.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_FOUND_MESSAGE, runAsPrincipal, withAccess, type Principal } from "../../../lib/server/authz";
import { closeDb } from "../../../lib/server/db";
import { makeMember, makeTenant, type Tenant } from "./fixtures";

let acme: Tenant;
let globex: Tenant;
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
});
afterAll(closeDb);

const handler = withAccess(
  "dag.trigger",
  (params: { id: string }) => ({ environmentId: params.id }),
  async (_request, access) => {
    if (access.environment.slug === "stg") throw new Error("secret internal detail at /srv/app.ts:42");
    return Response.json({ environment: access.environment.slug, role: access.role });
  },
);

async function call(principal: Principal, id: string, init: RequestInit = {}) {
  const response = await runAsPrincipal(principal, () =>
    handler(new Request(`http://app.test/api/v1/environments/${id}/dag-runs`, init), { params: Promise.resolve({ id }) }),
  );
  return { status: response.status, body: await response.json() };
}

describe("withAccess", () => {
  it("lets the right role through with the resolved environment", async () => {
    expect(await call(acme.owner, acme.environments.dev.id)).toEqual({ status: 200, body: { environment: "dev", role: "owner" } });
  });

  it("answers the same 404 body for a foreign, a missing and a malformed id", async () => {
    const expected = { status: 404, body: { error: { code: "not_found", message: NOT_FOUND_MESSAGE } } };
    expect(await call(acme.owner, globex.environments.dev.id)).toEqual(expected);
    expect(await call(acme.owner, randomUUID())).toEqual(expected);
    expect(await call(acme.owner, "../../etc/passwd")).toEqual(expected);
  });

  it("answers 403 JSON to a viewer", async () => {
    const viewer = await makeMember(acme, "viewer");
    const { status, body } = await call(viewer, acme.environments.dev.id);
    expect(status).toBe(403);
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toMatch(/operator role/);
  });

  it("refuses a cookie-authenticated write from another origin, accepts one from ours", async () => {
    const post = (headers: Record<string, string>) => call(acme.owner, acme.environments.dev.id, { method: "POST", headers });
    expect((await post({ host: "app.test" })).status).toBe(403);
    expect((await post({ host: "app.test", origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ host: "app.test", origin: "http://app.test" })).status).toBe(200);
  });

  it("does not ask an API token for an Origin (it is not a cookie)", async () => {
    const token: Principal = {
      kind: "token",
      tokenId: randomUUID(),
      name: "ci",
      organizationId: acme.organization.id,
      workspaceId: acme.workspace.id,
      environmentId: acme.environments.dev.id,
      role: "operator",
    };
    expect(await call(token, acme.environments.dev.id, { method: "POST" })).toEqual({ status: 200, body: { environment: "dev", role: "operator" } });
  });

  it("never shows internals when the handler fails", async () => {
    const { status, body } = await call(acme.owner, acme.environments.stg.id);
    expect(status).toBe(500);
    expect(body.error.code).toBe("internal");
    expect(JSON.stringify(body)).not.toContain("/srv/app.ts");
  });
});
