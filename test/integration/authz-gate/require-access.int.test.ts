// The access gate against real PostgreSQL: 404 for what the caller may not see (exactly
// like a missing id), 403 for what they see but may not do, audited; and mutations whose
// audit event lives and dies with their transaction.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../lib/server/errors";
import { checkAccess, mutate, NOT_FOUND_MESSAGE, requireAccess, runAsPrincipal, type TokenPrincipal } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { createWorkspace } from "../../../lib/server/services/tenancy/create-workspace";
import { loadShellNavigation } from "../../../lib/server/services/tenancy/load-shell-navigation";
import { envSlugs, makeMember, makeTenant, makeUser, type Tenant } from "./fixtures";

let acme: Tenant;
let globex: Tenant;
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
});
// The transaction refused at COMMIT below seems to keep its pooled connection (adapter-pg),
// so pool.end() would wait forever; do not let that hold the suite.
afterAll(() => Promise.race([closeDb(), new Promise((resolve) => setTimeout(resolve, 3_000))]));

/** The AppError a call fails with (or a failure if it succeeds). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error("expected a refusal, got access"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const auditEvents = (where: { organizationId?: string; principalId?: string; action?: string }) =>
  db().auditEvent.findMany({ where, orderBy: { at: "asc" } });

describe("requireAccess: who sees what", () => {
  it("lets the owner read DAGs of every environment, by slugs and by id, and hands back the resolved rows", async () => {
    const bySlug = await checkAccess(acme.owner, "dag.read", envSlugs(acme, "prd"));
    expect(bySlug.role).toBe("owner");
    expect(bySlug.environment).toMatchObject({ id: acme.environments.prd.id, slug: "prd", workspaceId: acme.workspace.id });
    expect(bySlug.organization.id).toBe(acme.organization.id);

    const byId = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    expect(byId.workspace.id).toBe(acme.workspace.id);
    expect(byId.environment.slug).toBe("dev");
  });

  it("answers not_found for another organization's environment, exactly as for one that does not exist", async () => {
    const foreignById = await refusal(checkAccess(acme.owner, "dag.read", { environmentId: globex.environments.dev.id }));
    const foreignBySlug = await refusal(checkAccess(acme.owner, "dag.read", envSlugs(globex, "dev")));
    const missing = await refusal(checkAccess(acme.owner, "dag.read", { environmentId: randomUUID() }));
    for (const e of [foreignById, foreignBySlug, missing]) {
      expect(e.code).toBe("not_found");
      expect(e.toBody()).toEqual({ error: { code: "not_found", message: NOT_FOUND_MESSAGE } });
    }
  });

  it.each([
    ["not a uuid", "not-a-uuid"],
    ["SQL-looking", "' OR 1=1 --"],
    ["empty", ""],
    ["very long", "x".repeat(10_000)],
    ["unicode", "é🙂"],
  ])("answers not_found for a malformed id (%s)", async (_name, id) => {
    expect((await refusal(checkAccess(acme.owner, "dag.read", { environmentId: id }))).code).toBe("not_found");
    expect((await refusal(checkAccess(acme.owner, "workspace.read", { workspaceId: id }))).code).toBe("not_found");
    expect((await refusal(checkAccess(acme.owner, "organization.read", { organizationId: id }))).code).toBe("not_found");
  });

  it("hides a sibling environment from someone bound to one environment only", async () => {
    const prdViewer = await makeMember(acme, "viewer", { environmentId: acme.environments.prd.id });
    await expect(checkAccess(prdViewer, "dag.read", envSlugs(acme, "prd"))).resolves.toMatchObject({ role: "viewer" });
    expect((await refusal(checkAccess(prdViewer, "dag.read", envSlugs(acme, "dev")))).code).toBe("not_found");
    expect((await refusal(checkAccess(prdViewer, "dag.read", { environmentId: acme.environments.stg.id }))).code).toBe("not_found");
  });

  it("applies a workspace binding to all its environments but not to a new sibling workspace", async () => {
    const operator = await makeMember(acme, "operator", { workspaceId: acme.workspace.id });
    await expect(checkAccess(operator, "dag.trigger", envSlugs(acme, "stg"))).resolves.toMatchObject({ role: "operator" });
    const other = await createWorkspace(await checkAccess(acme.owner, "workspace.create", { orgSlug: acme.organization.slug }), { name: "Other team" });
    const otherDev = other.environments.find((e) => e.slug === "dev")!;
    expect((await refusal(checkAccess(operator, "dag.read", { environmentId: otherDev.id }))).code).toBe("not_found");
  });

  it("gives a member without any binding nothing below the organization", async () => {
    const member = await makeMember(acme, null);
    expect((await refusal(checkAccess(member, "dag.read", envSlugs(acme, "dev")))).code).toBe("not_found");
    expect((await refusal(checkAccess(member, "organization.read", { orgSlug: acme.organization.slug }))).code).toBe("forbidden");
    const stranger = await makeUser("stranger");
    expect((await refusal(checkAccess(stranger, "organization.read", { orgSlug: acme.organization.slug }))).code).toBe("not_found");
  });
});

describe("requireAccess: forbidden, and audited", () => {
  it("refuses a viewer who asks to deploy with 403, names the role needed, and writes a 'denied' audit event", async () => {
    const viewer = await makeMember(acme, "viewer", { workspaceId: acme.workspace.id });
    const error = await refusal(checkAccess(viewer, "dag.deploy", envSlugs(acme, "dev")));
    expect(error.code).toBe("forbidden");
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/editor role/);

    const [event] = await auditEvents({ principalId: viewer.userId });
    expect(event).toMatchObject({
      action: "dag.deploy",
      outcome: "denied",
      principalType: "user",
      organizationId: acme.organization.id,
      workspaceId: acme.workspace.id,
      environmentId: acme.environments.dev.id,
      targetType: "environment",
      targetId: acme.environments.dev.id,
      summary: { required: "editor", role: "viewer" },
    });
    expect(event.requestId).toMatch(/.+/);
  });

  it("does not audit a 404: a stranger's probe leaves nothing in the victim's log", async () => {
    const stranger = await makeUser("prober");
    await refusal(checkAccess(stranger, "dag.deploy", { environmentId: globex.environments.dev.id }));
    expect(await auditEvents({ principalId: stranger.userId })).toHaveLength(0);
  });
});

describe("requireAccess: principals", () => {
  // Nobody signed in (no cookie) is covered over HTTP by test/e2e/shell.spec.ts.
  it("uses the principal an in-process caller runs as", async () => {
    const access = await runAsPrincipal(acme.owner, () => requireAccess("account.read", undefined));
    expect(access.principal).toEqual(acme.owner);
  });

  it("keeps an API token inside its environment and below its role", async () => {
    const token: TokenPrincipal = {
      kind: "token",
      tokenId: randomUUID(),
      name: "ci",
      organizationId: acme.organization.id,
      workspaceId: acme.workspace.id,
      environmentId: acme.environments.prd.id,
      role: "operator",
    };
    await expect(checkAccess(token, "dag.trigger", { environmentId: acme.environments.prd.id })).resolves.toMatchObject({ role: "operator" });
    expect((await refusal(checkAccess(token, "dag.read", { environmentId: acme.environments.dev.id }))).code).toBe("not_found");
    expect((await refusal(checkAccess(token, "dag.read", { environmentId: globex.environments.prd.id }))).code).toBe("not_found");
    expect((await refusal(checkAccess(token, "dag.deploy", { environmentId: acme.environments.prd.id }))).code).toBe("forbidden");
    expect((await refusal(checkAccess(token, "account.read", undefined))).code).toBe("forbidden");
  });
});

describe("mutate: the change and its audit event share one transaction", () => {
  it("writes the event with principal, scope and request id when the change commits", async () => {
    const access = await checkAccess(acme.owner, "workspace.create", { orgSlug: acme.organization.slug });
    const ws = await createWorkspace(access, { name: "Data platform" });
    expect(ws.environments.map((e) => e.slug)).toEqual(["dev", "stg", "prd"]);
    const [event] = await auditEvents({ organizationId: acme.organization.id, action: "workspace.create" }).then((es) =>
      es.filter((e) => e.targetId === ws.id),
    );
    expect(event).toMatchObject({
      outcome: "success",
      principalType: "user",
      principalId: acme.owner.userId,
      principalName: acme.owner.email,
      targetType: "workspace",
      summary: { name: "Data platform", slug: ws.slug, environments: ["dev", "stg", "prd"] },
    });
    expect(event.requestId).toBe(access.request.requestId);
  });

  it("leaves neither the change nor the event when the transaction rolls back", async () => {
    const access = await checkAccess(acme.owner, "workspace.update", { orgSlug: acme.organization.slug, workspaceSlug: acme.workspace.slug });
    const marker = `rolled-back-${randomUUID()}`;
    await expect(
      mutate(access, "workspace.update", { type: "workspace", id: acme.workspace.id }, async (tx, audit) => {
        await tx.workspace.update({ where: { id: acme.workspace.id }, data: { name: marker } });
        audit.summary = { marker };
        // The audit insert runs after this; make the transaction fail after both writes.
        return Promise.reject(new Error("boom"));
      }),
    ).rejects.toThrow("boom");
    // And one that fails at COMMIT, after the audit insert ran: a deferred trigger refuses
    // the marker name then. An event written outside the transaction would survive this.
    await db().$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_marker() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name LIKE 'rolled-back-%' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_marker ON workspace`);
    await db().$executeRawUnsafe(
      `CREATE CONSTRAINT TRIGGER refuse_marker AFTER UPDATE ON workspace DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_marker()`,
    );
    try {
      await expect(
        mutate(access, "workspace.update", { type: "workspace", id: acme.workspace.id }, async (tx, audit) => {
          await tx.workspace.update({ where: { id: acme.workspace.id }, data: { name: marker } });
          audit.summary = { marker };
        }),
      ).rejects.toThrow(/refused at commit/);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_marker ON workspace`);
    }
    expect((await db().workspace.findUniqueOrThrow({ where: { id: acme.workspace.id } })).name).not.toBe(marker);
    const events = await auditEvents({ organizationId: acme.organization.id, action: "workspace.update" });
    expect(events.filter((e) => JSON.stringify(e.summary).includes(marker))).toHaveLength(0);
  });

  it("refuses workspace creation to an editor, with nothing created", async () => {
    const editor = await makeMember(acme, "editor");
    const before = await db().workspace.count({ where: { organizationId: acme.organization.id } });
    expect((await refusal(checkAccess(editor, "workspace.create", { orgSlug: acme.organization.slug }))).code).toBe("forbidden");
    expect(await db().workspace.count({ where: { organizationId: acme.organization.id } })).toBe(before);
  });
});

describe("the shell's navigation shows only what the caller can see", () => {
  it("lists only the environment a member is bound to, and only their own organizations", async () => {
    const member = await makeMember(acme, "editor", { environmentId: acme.environments.stg.id });
    // A workspace role is not implied by an environment binding, but entering the organization is.
    expect((await refusal(checkAccess(member, "workspace.update", { orgSlug: acme.organization.slug, workspaceSlug: acme.workspace.slug }))).code).toBe(
      "forbidden",
    );
    const nav = await loadShellNavigation(await checkAccess(member, "organization.view", { orgSlug: acme.organization.slug }));
    expect(nav.organizations.map((o) => o.id)).toEqual([acme.organization.id]);
    expect(nav.workspaces).toHaveLength(1);
    expect(nav.workspaces[0].environments.map((e) => [e.slug, e.role])).toEqual([["stg", "editor"]]);
    expect(nav.organizationRole).toBeNull();
  });
});
