// The pools REST API: Airflow's shapes and figures (running slots from running tries,
// queued from tries waiting for a slot), default_pool always there and never deletable,
// validation (422 naming every field, 400 for malformed JSON or a rename), 409s, audit
// events, roles and tenancy (another tenant's environment or pool is a 404).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../../lib/server/authz";
import { poolLockKey } from "../../../lib/domain/pool";
import { closeDb, db } from "../../../lib/server/db";
import { finishTries, usePool } from "../../factories/pools";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";
import { poolsApi as api } from "./helpers";

let acme: Tenant;
let globex: Tenant;
let dev: string;
const envOf = (t: Tenant, env: "dev" | "stg" | "prd" = "dev") => ({ id: t.environments[env].id, organizationId: t.organization.id });

beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  dev = acme.environments.dev.id;
});
afterAll(async () => {
  await closeDb();
});

const EMPTY = { occupied_slots: 0, running_slots: 0, queued_slots: 0, scheduled_slots: 0, deferred_slots: 0 };

describe("pools API", () => {
  it("lists default_pool with 128 slots in a new environment, before any row exists", async () => {
    const t = await makeTenant("Fresh");
    const list = await api(t.owner).list(t.environments.stg.id);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      pools: [{ name: "default_pool", slots: 128, ...EMPTY, open_slots: 128, description: "Default pool", include_deferred: false }],
      total_entries: 1,
    });
    expect(await db().pool.count({ where: { environmentId: t.environments.stg.id } })).toBe(0);
    expect((await api(t.owner).get(t.environments.stg.id, "default_pool")).body).toMatchObject({ name: "default_pool", slots: 128, open_slots: 128 });
  });

  it("creates a pool and shows the slots running tries hold and the tries waiting for one", async () => {
    const created = await api(acme.owner).create(dev, { name: "warehouse", slots: 4, description: "Snowflake: 4 concurrent queries" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ name: "warehouse", slots: 4, ...EMPTY, open_slots: 4, description: "Snowflake: 4 concurrent queries", include_deferred: false });

    const runId = await usePool(envOf(acme), "warehouse", { runningSlots: [1, 2], finishedSlots: [3], waiting: 3 });
    // The same pool name in another environment and another tenant counts nowhere here.
    await usePool(envOf(acme, "prd"), "warehouse", { runningSlots: [1], waiting: 1 });
    await usePool(envOf(globex), "warehouse", { runningSlots: [4], waiting: 2 });

    const got = await api(acme.owner).get(dev, "warehouse");
    expect(got.body).toMatchObject({ slots: 4, running_slots: 3, occupied_slots: 3, queued_slots: 3, open_slots: 1 });
    const list = await api(acme.owner).list(dev);
    expect(list.body.pools.map((p: { name: string }) => p.name)).toEqual(["default_pool", "warehouse"]);
    expect(list.body.pools[1]).toMatchObject({ running_slots: 3, queued_slots: 3, open_slots: 1 });

    // Shrinking below what is running is allowed: open_slots goes negative.
    const shrunk = await api(acme.owner).patch(dev, "warehouse", { slots: 2 });
    expect(shrunk.status).toBe(200);
    expect(shrunk.body).toMatchObject({ slots: 2, running_slots: 3, open_slots: -1, description: "Snowflake: 4 concurrent queries" });

    // Deleting it while tries run in it is refused, saying how many; once they finish it goes.
    const busy = await api(acme.owner).remove(dev, "warehouse");
    expect(busy.status).toBe(409);
    expect(busy.body.error.message).toMatch(/2 running task tries hold 3 of its slots/);
    expect(busy.body.error.details).toEqual({ running_tries: 2, running_slots: 3 });
    await finishTries(runId);
    expect((await api(acme.owner).remove(dev, "warehouse")).status).toBe(204);
    expect((await api(acme.owner).get(dev, "warehouse")).status).toBe(404);
    expect((await api(acme.owner).remove(dev, "warehouse")).status).toBe(404);
  });

  it("a delete waits for a slot claim in progress (the engine's lock on the pool) and then refuses", async () => {
    await api(acme.owner).create(dev, { name: "contended", slots: 2 });
    const runId = await usePool(envOf(acme), "contended", {});
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // What worker/activities/slots.ts does: lock the pool, then record the try as running.
    const claim = db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${poolLockKey(dev, "contended")}, 0))`;
      locked();
      await new Promise((r) => setTimeout(r, 300));
      await tx.taskTry.create({ data: { dagRunId: runId, taskId: "noop", tryNumber: 1, state: "running", activityKind: "local", pool: "contended", poolSlots: 1 } });
    });
    await lockTaken;
    const removed = await api(acme.owner).remove(dev, "contended");
    await claim;
    expect(removed.status).toBe(409);
    expect(removed.body.error.details).toEqual({ running_tries: 1, running_slots: 1 });
  });

  it("PATCH changes slots and/or description; update_mask limits what applies; the name is fixed", async () => {
    await api(acme.owner).create(dev, { name: "api_calls", slots: 10 });
    expect((await api(acme.owner).patch(dev, "api_calls", { description: "Partner API" })).body).toMatchObject({ slots: 10, description: "Partner API" });
    expect((await api(acme.owner).patch(dev, "api_calls", { slots: 0, description: "ignored" }, "?update_mask=slots")).body).toMatchObject({ slots: 0, open_slots: 0, description: "Partner API" });
    expect((await api(acme.owner).patch(dev, "api_calls", { description: null })).body).toMatchObject({ slots: 0, description: null });
    expect((await api(acme.owner).patch(dev, "api_calls", { name: "api_calls", slots: 3 })).body).toMatchObject({ name: "api_calls", slots: 3 });

    const rename = await api(acme.owner).patch(dev, "api_calls", { name: "other", slots: 5 });
    expect(rename.status).toBe(400);
    expect(rename.body.error.message).toMatch(/cannot be renamed/);
    const mask = await api(acme.owner).patch(dev, "api_calls", { slots: 5 }, "?update_mask=name");
    expect(mask.status).toBe(422);
    expect(mask.body.error.details.update_mask).toMatch(/cannot change/);
    expect((await api(acme.owner).get(dev, "api_calls")).body.slots).toBe(3);
    expect((await api(acme.owner).patch(dev, "no_such_pool", { slots: 1 })).status).toBe(404);
  });

  it("default_pool: its row is made on the first change, it can be resized, never created or deleted", async () => {
    const t = await makeTenant("Defaults");
    const env = t.environments.dev.id;
    const resized = await api(t.owner).patch(env, "default_pool", { slots: 16 });
    expect(resized.status).toBe(200);
    expect(resized.body).toMatchObject({ name: "default_pool", slots: 16, open_slots: 16 });
    expect(await db().pool.findMany({ where: { environmentId: env }, select: { name: true, slots: true, description: true, organizationId: true } })).toEqual([
      { name: "default_pool", slots: 16, description: "Default pool", organizationId: t.organization.id },
    ]);
    // Made again concurrently by "the engine" and by a PATCH: one row, no error.
    const again = await Promise.all([api(t.owner).patch(env, "default_pool", { slots: 20 }), api(t.owner).patch(env, "default_pool", { description: "Everything else" })]);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(await db().pool.count({ where: { environmentId: env } })).toBe(1);
    expect((await api(t.owner).get(env, "default_pool")).body).toMatchObject({ slots: 20, description: "Everything else" });

    const create = await api(t.owner).create(env, { name: "default_pool", slots: 1 });
    expect(create.status).toBe(409);
    expect(create.body.error.message).toMatch(/exists in every environment/);
    const del = await api(t.owner).remove(env, "default_pool");
    expect(del.status).toBe(400);
    expect(del.body.error.message).toMatch(/default_pool cannot be deleted/);
    expect(await db().pool.count({ where: { environmentId: env } })).toBe(1);
  });

  it("-1 slots is Airflow 2's unlimited pool: open_slots reads -1 whatever runs", async () => {
    const created = await api(acme.owner).create(dev, { name: "unbounded", slots: -1 });
    expect(created.status).toBe(201);
    await usePool(envOf(acme), "unbounded", { runningSlots: [5, 5] });
    expect((await api(acme.owner).get(dev, "unbounded")).body).toMatchObject({ slots: -1, running_slots: 10, occupied_slots: 10, open_slots: -1 });
    expect((await api(acme.owner).patch(dev, "unbounded", { slots: 3 })).body).toMatchObject({ slots: 3, open_slots: -7 });
  });

  it("names every problem: 422 with details, 400 for malformed JSON, 409 for a taken name", async () => {
    const bad = await api(acme.owner).create(dev, { name: "has space", slots: 1.5, colour: "red" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual({
      name: 'may contain only letters, digits, "_", "-" and "."',
      slots: "must be a whole number",
      colour: expect.stringMatching(/is not a field of a pool/),
    });
    const missing = await api(acme.owner).create(dev, {});
    expect(missing.body.error.details).toEqual({ name: expect.stringMatching(/is required/), slots: expect.stringMatching(/is required/) });
    expect((await api(acme.owner).create(dev, { name: "negative", slots: -5 })).body.error.details.slots).toMatch(/0 or more .*or -1 for no limit/);
    expect((await api(acme.owner).create(dev, { name: "x".repeat(257), slots: 1 })).body.error.details.name).toMatch(/at most 256/);
    expect((await api(acme.owner).create(dev, { name: "a.b-c_D9", slots: 0 })).status).toBe(201);

    const malformed = await api(acme.owner).create(dev, "{ name: ");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("bad_request");
    expect((await api(acme.owner).patch(dev, "a.b-c_D9", "[1]")).status).toBe(422);
    expect((await api(acme.owner).patch(dev, "a.b-c_D9", { slots: "7" })).body.error.details.slots).toMatch(/whole number/);

    await api(acme.owner).create(dev, { name: "dupe", slots: 1 });
    const dupe = await api(acme.owner).create(dev, { name: "dupe", slots: 2 });
    expect(dupe.status).toBe(409);
    expect(dupe.body.error.details).toEqual({ name: "is already used in this environment" });
  });

  it("writes an audit event for each change", async () => {
    const t = await makeTenant("Audited");
    const env = t.environments.dev.id;
    await api(t.owner).create(env, { name: "audited", slots: 2 });
    await api(t.owner).patch(env, "audited", { slots: 5 });
    await api(t.owner).remove(env, "audited");
    await api(t.owner).remove(env, "default_pool"); // refused: no event
    const events = await db().auditEvent.findMany({ where: { organizationId: t.organization.id, action: { startsWith: "pool." } }, orderBy: [{ at: "asc" }, { seq: "asc" }] });
    expect(events.map((e) => [e.action, e.environmentId, e.principalId, e.summary])).toEqual([
      ["pool.create", env, t.owner.userId, { name: "audited", slots: 2, has_description: false }],
      ["pool.update", env, t.owner.userId, { name: "audited", changed: ["slots"], slots: { from: 2, to: 5 } }],
      ["pool.delete", env, t.owner.userId, { name: "audited", slots: 5, waiting_tries: 0 }],
    ]);
  });

  it("pages with limit and offset, default_pool first", async () => {
    const t = await makeTenant("Pages");
    const env = t.environments.dev.id;
    for (const name of ["c3", "a1", "b2"]) await api(t.owner).create(env, { name, slots: 1 });
    const names = async (q: string) => ((await api(t.owner).list(env, q)).body.pools as { name: string }[]).map((p) => p.name);
    expect(await names("?limit=1")).toEqual(["default_pool"]);
    expect(await names("?limit=2")).toEqual(["default_pool", "a1"]);
    expect(await names("?limit=2&offset=2")).toEqual(["b2", "c3"]);
    expect(await names("?offset=3")).toEqual(["c3"]);
    expect((await api(t.owner).list(env, "?limit=1&offset=1")).body.total_entries).toBe(4);
    const bad = await api(t.owner).list(env, "?limit=0");
    expect(bad.status).toBe(422);
  });
});

describe("pools API: roles and tenancy", () => {
  it("a viewer reads, an editor writes; another tenant's environment or pool is a 404", async () => {
    await api(acme.owner).create(acme.environments.prd.id, { name: "only_prd", slots: 3 });
    const viewer = await makeMember(acme, "viewer");
    const editor = await makeMember(acme, "editor");
    expect((await api(viewer).get(acme.environments.prd.id, "only_prd")).status).toBe(200);
    expect((await api(viewer).list(acme.environments.prd.id)).status).toBe(200);
    expect((await api(viewer).create(acme.environments.prd.id, { name: "v", slots: 1 })).status).toBe(403);
    expect((await api(viewer).patch(acme.environments.prd.id, "only_prd", { slots: 9 })).status).toBe(403);
    expect((await api(viewer).remove(acme.environments.prd.id, "only_prd")).status).toBe(403);
    expect((await api(editor).patch(acme.environments.prd.id, "only_prd", { slots: 9 })).body.slots).toBe(9);

    // The same name in dev is another pool; globex reaches none of acme's.
    expect((await api(acme.owner).get(dev, "only_prd")).status).toBe(404);
    const outsider = globex.owner;
    const missing = await api(outsider).get(acme.environments.prd.id, "only_prd");
    const nowhere = await api(outsider).get(randomUUID(), "only_prd");
    expect([missing.status, nowhere.status]).toEqual([404, 404]);
    expect(missing.body).toEqual(nowhere.body);
    expect((await api(outsider).remove(acme.environments.prd.id, "only_prd")).status).toBe(404);
    expect((await api(outsider).patch(acme.environments.prd.id, "default_pool", { slots: 1 })).status).toBe(404);
    expect((await api(acme.owner).get(acme.environments.prd.id, "only_prd")).body.slots).toBe(9);
  });

  it("an API token works in its own environment only", async () => {
    const token = (role: "viewer" | "editor"): Principal => ({
      kind: "token",
      tokenId: randomUUID(),
      name: `ci-${role}`,
      organizationId: acme.organization.id,
      workspaceId: acme.workspace.id,
      environmentId: acme.environments.stg.id,
      role,
    });
    expect((await api(token("editor")).create(acme.environments.stg.id, { name: "by_token", slots: 2 })).status).toBe(201);
    expect((await api(token("editor")).create(dev, { name: "by_token", slots: 2 })).status).toBe(404);
    expect((await api(token("viewer")).get(acme.environments.stg.id, "by_token")).body.slots).toBe(2);
    expect((await api(token("viewer")).patch(acme.environments.stg.id, "by_token", { slots: 1 })).status).toBe(403);
  });
});
