// Webhook triggers end to end against PostgreSQL: an outside system POSTs a signed body
// and a run of the DAG starts with it as conf (triggered_by "webhook"); unsigned, wrongly
// signed, stale, oversized and invalid deliveries are refused with the right status and
// audited; a delivery id makes retries safe. Management: the secret is shown once (create,
// rotate), never listed, stored only sealed; roles and tenancy as every other route.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyIdOf, LocalKeyManagementService } from "../../../lib/server/crypto";
import { closeDb, db } from "../../../lib/server/db";
import { env } from "../../../lib/server/env";
import { rotateMasterKeys } from "../../../lib/server/services/secrets/rotate-master-keys";
import { useSecretsKms } from "../../../lib/server/services/secrets/secrets-kms";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { storeDag } from "../../factories/run-dags";
import { deliver } from "../../factories/webhooks";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";
import { webhooksApi as api } from "./helpers";

let acme: Tenant;
let globex: Tenant;
let dev: string;

const DAG = (dagId: string) => `dag_id: ${dagId}
schedule: null
params:
  date: { type: string, default: "2026-01-01" }
  rows: { type: integer, minimum: 0, default: 0 }
tasks:
  - { task_id: load, operator: empty }
`;

const envOf = (t: Tenant) => ({ id: t.environments.dev.id, organizationId: t.organization.id });

async function webhookFor(dagId: string, opts: { paused?: boolean } = {}) {
  await storeDag(envOf(acme), DAG(dagId), { paused: opts.paused ?? true });
  const created = await api(acme.owner).create(dev, dagId, { name: `${dagId} sender` });
  expect(created.status).toBe(201);
  return { id: created.body.webhook_id as string, secret: created.body.secret as string, dagId };
}

const runsOf = (dagId: string) => db().dagRun.findMany({ where: { environmentId: dev, dagId }, orderBy: { createdAt: "asc" } });
const deliveries = (webhookId: string) => db().auditEvent.findMany({ where: { action: "webhook.deliver", principalId: webhookId }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  dev = acme.environments.dev.id;
});
afterAll(async () => {
  await closeTemporalClient();
  await closeDb();
});

describe("webhook deliveries", () => {
  it("starts a run with the body as conf, triggered_by webhook, queued while the DAG is paused, and records the delivery", async () => {
    const hook = await webhookFor("nightly_import");
    const answer = await deliver(hook.id, hook.secret, { date: "2026-12-06", rows: 42 });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ dag_run_id: expect.stringMatching(/^manual__/), dag_id: "nightly_import", state: "queued" });

    const [run] = await runsOf("nightly_import");
    expect(run).toMatchObject({ runId: answer.body.dag_run_id, runType: "manual", triggeredBy: "webhook", state: "queued", conf: { date: "2026-12-06", rows: 42 } });
    expect(await db().taskInstance.count({ where: { dagRunId: run.id } })).toBe(1);

    const row = await db().webhook.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row.lastDeliveryStatus).toBe(202);
    expect(row.lastDeliveryAt).not.toBeNull();
    const [event] = await deliveries(hook.id);
    expect(event).toMatchObject({ outcome: "success", principalType: "webhook", principalName: "nightly_import sender", targetType: "dag_run", targetId: run.id, userAgent: "webhook-sender/1.0" });
    expect(JSON.stringify(event.summary)).not.toContain(hook.secret);
  });

  it("starts an active DAG's run too, and an empty body is an empty conf (the params' defaults apply)", async () => {
    const hook = await webhookFor("active_dag", { paused: false });
    const answer = await deliver(hook.id, hook.secret, "");
    expect(answer.status).toBe(202);
    const [run] = await runsOf("active_dag");
    expect(run.conf).toEqual({});
    expect(run.triggeredBy).toBe("webhook");
  });

  it("refuses a missing, wrong, stale or malformed signature with 401 and the same how-to-sign message, starting nothing", async () => {
    const hook = await webhookFor("guarded");
    const now = Math.floor(Date.now() / 1000);
    const refused = await Promise.all([
      deliver(hook.id, hook.secret, { rows: 1 }, { secrets: null }),
      deliver(hook.id, hook.secret, { rows: 1 }, { secrets: ["whsec_not_the_secret"] }),
      deliver(hook.id, hook.secret, { rows: 1 }, { timestamp: now - 6 * 60 }),
      deliver(hook.id, hook.secret, { rows: 1 }, { secrets: null, headers: { "windsock-signature": "sha256=deadbeef" } }),
    ]);
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    const messages = new Set(refused.map((r) => r.body.error.message));
    expect(messages.size).toBe(1);
    const [message] = messages;
    expect(message).toMatch(/Windsock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256/);
    expect(message).not.toContain(hook.secret);
    expect(await runsOf("guarded")).toHaveLength(0);

    const events = await deliveries(hook.id);
    expect(events.map((e) => e.outcome)).toEqual(["denied", "denied", "denied", "denied"]);
    expect(events.map((e) => (e.summary as { reason: string }).reason).sort()).toEqual(["signature malformed", "signature mismatch", "signature missing", "signature stale"]);
    expect((await db().webhook.findUniqueOrThrow({ where: { id: hook.id } })).lastDeliveryStatus).toBe(401);
  });

  it("audits at most 60 refusals a minute per webhook, and a flood of bad signatures does not lock out the real sender", async () => {
    const hook = await webhookFor("flooded");
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 70; i++) expect((await deliver(hook.id, hook.secret, {}, { secrets: ["whsec_forged"], timestamp: now })).status).toBe(401);
    expect(await deliveries(hook.id)).toHaveLength(60);
    expect((await db().webhook.findUniqueOrThrow({ where: { id: hook.id } })).lastDeliveryStatus).toBe(401);
    expect((await deliver(hook.id, hook.secret, { rows: 1 })).status).toBe(202);
    const events = await deliveries(hook.id);
    expect(events).toHaveLength(61);
    expect(events.at(-1)).toMatchObject({ outcome: "success" });
  });

  it("answers 404 for an unknown, deleted or disabled webhook, and delivers again once re-enabled", async () => {
    expect((await deliver(randomUUID(), "whsec_x", {})).status).toBe(404);
    expect((await deliver("not-a-uuid", "whsec_x", {})).status).toBe(404);

    const hook = await webhookFor("switchable");
    expect((await api(acme.owner).patch(dev, "switchable", hook.id, { enabled: false })).body.enabled).toBe(false);
    const off = await deliver(hook.id, hook.secret, {});
    expect(off.status).toBe(404);
    expect(off.body.error.message).toMatch(/no enabled webhook/);
    expect((await deliveries(hook.id)).at(-1)).toMatchObject({ outcome: "denied", summary: expect.objectContaining({ reason: "disabled", status: 404 }) });
    await api(acme.owner).patch(dev, "switchable", hook.id, { enabled: true });
    expect((await deliver(hook.id, hook.secret, {})).status).toBe(202);

    expect((await api(acme.owner).remove(dev, "switchable", hook.id)).status).toBe(204);
    expect((await deliver(hook.id, hook.secret, {})).status).toBe(404);
    expect(await runsOf("switchable")).toHaveLength(1);
  });

  it("answers 422 naming the conf field that does not fit the params, 422 for a non-object body and 400 for malformed JSON", async () => {
    const hook = await webhookFor("strict");
    const bad = await deliver(hook.id, hook.secret, { rows: -1, date: 5 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(["conf.rows", "conf.date"]));
    expect((await deliver(hook.id, hook.secret, [1, 2])).status).toBe(422);
    expect((await deliver(hook.id, hook.secret, "{not json")).status).toBe(400);
    expect((await deliver(hook.id, hook.secret, {}, { deliveryId: "has spaces" })).status).toBe(400);
    expect(await runsOf("strict")).toHaveLength(0);
    expect((await deliveries(hook.id)).map((e) => (e.summary as { status: number }).status)).toEqual([422, 422, 400, 400]);
  });

  it("makes a repeated Windsock-Delivery id start one run: the repeat answers 200 with the same run", async () => {
    const hook = await webhookFor("idempotent");
    const first = await deliver(hook.id, hook.secret, { rows: 7 }, { deliveryId: "evt_123" });
    expect(first.status).toBe(202);
    expect(first.body.dag_run_id).toBe("webhook__evt_123");
    const again = await deliver(hook.id, hook.secret, { rows: 7 }, { deliveryId: "evt_123" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const racing = await Promise.all([deliver(hook.id, hook.secret, {}, { deliveryId: "evt_race" }), deliver(hook.id, hook.secret, {}, { deliveryId: "evt_race" })]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 202]);
    expect((await runsOf("idempotent")).map((r) => r.runId).sort()).toEqual(["webhook__evt_123", "webhook__evt_race"]);
    expect((await db().webhook.findUniqueOrThrow({ where: { id: hook.id } })).lastDeliveryStatus).toBeOneOf([200, 202]);
  });

  it("accepts Standard Webhooks signatures too: webhook-id is the delivery id; a wrong key or a missing id is a 401", async () => {
    const hook = await webhookFor("standard");
    const first = await deliver(hook.id, hook.secret, { rows: 3 }, { scheme: "standard", deliveryId: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" });
    expect(first.status).toBe(202);
    expect(first.body.dag_run_id).toBe("webhook__msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
    const again = await deliver(hook.id, hook.secret, { rows: 3 }, { scheme: "standard", deliveryId: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const run = await db().dagRun.findFirstOrThrow({ where: { environmentId: dev, dagId: "standard" } });
    expect(run.conf).toMatchObject({ rows: 3 });
    expect(run.triggeredBy).toBe("webhook");

    const wrong = await deliver(hook.id, hook.secret, {}, { scheme: "standard", secrets: [`whsec_${randomBytes(32).toString("base64")}`] });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toContain("webhook-signature");
    const noId = await deliver(hook.id, hook.secret, {}, { scheme: "standard", headers: { "webhook-id": "" } });
    expect(noId.status).toBe(401);
    expect(await runsOf("standard")).toHaveLength(1);
  });

  it("refuses a body over 1 MiB with 413, whether or not it declares its length", async () => {
    const hook = await webhookFor("bulky");
    const big = JSON.stringify({ blob: "x".repeat(1024 * 1024) });
    expect((await deliver(hook.id, hook.secret, big)).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 17; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        controller.close();
      },
    });
    const { signedRequest } = await import("../../factories/webhooks");
    const { POST } = await import("../../../app/api/v1/webhooks/[webhook_id]/route");
    const request = signedRequest(`http://app.test/api/v1/webhooks/${hook.id}`, hook.secret, "");
    const streamed = await POST(new Request(request, { body: stream, duplex: "half" } as RequestInit), { params: Promise.resolve({ webhook_id: hook.id }) });
    expect(streamed.status).toBe(413);
    expect(await runsOf("bulky")).toHaveLength(0);
  });
});

describe("webhook management", () => {
  it("shows the secret once at creation, never in GET, and stores it only sealed", async () => {
    await storeDag(envOf(acme), DAG("managed"), { paused: true });
    const created = await api(acme.owner).create(dev, "managed", { name: "github-release" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      webhook_id: expect.any(String),
      dag_id: "managed",
      name: "github-release",
      enabled: true,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      url: `https://app.test/api/v1/webhooks/${created.body.webhook_id}`,
      last_delivery_at: null,
      last_delivery_status: null,
    });
    const secret = created.body.secret as string;
    const list = await api(acme.owner).list(dev, "managed");
    expect(list.body.total_entries).toBe(1);
    expect(list.text).not.toContain(secret);
    expect(list.body.webhooks[0]).not.toHaveProperty("secret");
    const one = await api(acme.owner).get(dev, "managed", created.body.webhook_id);
    expect(one.status).toBe(200);
    expect(one.text).not.toContain(secret);

    const [raw] = await db().$queryRaw<{ sealed_secret: string }[]>`SELECT sealed_secret FROM webhook WHERE id = ${created.body.webhook_id}`;
    expect(raw.sealed_secret).not.toContain(secret);
    expect(raw.sealed_secret).not.toContain(secret.slice(6));
    const events = await db().auditEvent.findMany({ where: { targetId: created.body.webhook_id } });
    expect(events.map((e) => e.action)).toEqual(["webhook.create"]);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("rotation returns a new secret once; the old one is refused from then on", async () => {
    const hook = await webhookFor("rotating");
    const rotated = await api(acme.owner).rotate(dev, "rotating", hook.id);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(rotated.body.secret_rotated_at).not.toBeNull();
    expect((await deliver(hook.id, hook.secret, {})).status).toBe(401);
    expect((await deliver(hook.id, rotated.body.secret, {})).status).toBe(202);
    // A sender mid-rotation may sign with both: one matching v1 is enough.
    expect((await deliver(hook.id, rotated.body.secret, {}, { secrets: [hook.secret, rotated.body.secret] })).status).toBe(202);
    expect((await api(acme.owner).get(dev, "rotating", hook.id)).text).not.toContain(rotated.body.secret);
    const actions = (await db().auditEvent.findMany({ where: { targetId: hook.id, action: { startsWith: "webhook." }, NOT: { action: "webhook.deliver" } }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["webhook.create", "webhook.rotate"]);
  });

  it("rotation with a grace period accepts the previous secret until it expires, then only the new one", async () => {
    const hook = await webhookFor("rolling");
    const before = Date.now();
    const rolled = await api(acme.owner).rotate(dev, "rolling", hook.id, { expire_previous_in_hours: 24 });
    expect(rolled.status).toBe(200);
    const until = Date.parse(rolled.body.previous_secret_expires_at);
    expect(until - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(until - before).toBeLessThan(24 * 3_600_000 + 60_000);
    expect((await deliver(hook.id, hook.secret, {})).status).toBe(202);
    expect((await deliver(hook.id, rolled.body.secret, {})).status).toBe(202);
    expect((await api(acme.owner).get(dev, "rolling", hook.id)).body.previous_secret_expires_at).toBe(rolled.body.previous_secret_expires_at);
    const [rotateEvent] = await db().auditEvent.findMany({ where: { targetId: hook.id, action: "webhook.rotate" } });
    expect(JSON.stringify(rotateEvent)).not.toContain(hook.secret);

    // Once the grace period is over, the previous secret is refused.
    await db().webhook.update({ where: { id: hook.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    expect((await deliver(hook.id, hook.secret, {})).status).toBe(401);
    expect((await deliver(hook.id, rolled.body.secret, {})).status).toBe(202);
    expect((await api(acme.owner).get(dev, "rolling", hook.id)).body.previous_secret_expires_at).toBeNull();

    // Rotating again keeps at most the secret it replaces, never an older one.
    const second = await api(acme.owner).rotate(dev, "rolling", hook.id, { expire_previous_in_hours: 1 });
    expect((await deliver(hook.id, rolled.body.secret, {})).status).toBe(202);
    expect((await deliver(hook.id, hook.secret, {})).status).toBe(401);
    const third = await api(acme.owner).rotate(dev, "rolling", hook.id, {});
    expect(third.body.previous_secret_expires_at).toBeNull();
    expect((await deliver(hook.id, second.body.secret, {})).status).toBe(401);
    expect((await deliver(hook.id, third.body.secret, {})).status).toBe(202);

    for (const bad of [{ expire_previous_in_hours: 169 }, { expire_previous_in_hours: -1 }, { expire_previous_in_hours: "24" }, { expire_previous_in_hours: 1.5 }, { grace: 1 }]) {
      const refused = await api(acme.owner).rotate(dev, "rolling", hook.id, bad);
      expect(refused.status, JSON.stringify(bad)).toBe(422);
    }
    expect((await deliver(hook.id, third.body.secret, {})).status).toBe(202);
  });

  it("validates names and fields (422 naming each), and 404s an undeployed DAG", async () => {
    await storeDag(envOf(acme), DAG("validated"), { paused: true });
    const bad = await api(acme.owner).create(dev, "validated", { name: " ", enabled: "yes", secret: "mine" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details).sort()).toEqual(["enabled", "name", "secret"]);
    expect((await api(acme.owner).create(dev, "no_such_dag", { name: "x" })).status).toBe(404);
    expect((await api(acme.owner).create(dev, "validated", "{oops")).status).toBe(400);
  });

  it("lets viewers list, editors manage; operators cannot create", async () => {
    const hook = await webhookFor("roles");
    const viewer = await makeMember(acme, "viewer");
    const operator = await makeMember(acme, "operator");
    const editor = await makeMember(acme, "editor");
    expect((await api(viewer).list(dev, "roles")).status).toBe(200);
    expect((await api(viewer).get(dev, "roles", hook.id)).status).toBe(200);
    expect((await api(viewer).create(dev, "roles", { name: "v" })).status).toBe(403);
    expect((await api(operator).create(dev, "roles", { name: "o" })).status).toBe(403);
    expect((await api(operator).rotate(dev, "roles", hook.id)).status).toBe(403);
    expect((await api(viewer).remove(dev, "roles", hook.id)).status).toBe(403);
    expect((await api(editor).create(dev, "roles", { name: "e" })).status).toBe(201);
    expect((await api(editor).patch(dev, "roles", hook.id, { name: "renamed" })).body.name).toBe("renamed");
    expect((await api(editor).rotate(dev, "roles", hook.id)).status).toBe(200);
  });

  it("answers 404 for another tenant's webhook, environment or DAG, and for a webhook named under another DAG", async () => {
    const hook = await webhookFor("private");
    const globexDev = globex.environments.dev.id;
    expect((await api(globex.owner).list(dev, "private")).status).toBe(404);
    expect((await api(globex.owner).get(dev, "private", hook.id)).status).toBe(404);
    expect((await api(globex.owner).rotate(dev, "private", hook.id)).status).toBe(404);
    // Their own environment, our webhook id: not found, and nothing changes.
    await storeDag(envOf(globex), DAG("private"), { paused: true });
    expect((await api(globex.owner).get(globexDev, "private", hook.id)).status).toBe(404);
    expect((await api(globex.owner).patch(globexDev, "private", hook.id, { enabled: false })).status).toBe(404);
    expect((await api(globex.owner).remove(globexDev, "private", hook.id)).status).toBe(404);
    expect((await api(globex.owner).list(globexDev, "private")).body.total_entries).toBe(0);
    // Our environment, another DAG's path.
    await storeDag(envOf(acme), DAG("other_dag"), { paused: true });
    expect((await api(acme.owner).get(dev, "other_dag", hook.id)).status).toBe(404);
    expect((await db().webhook.findUniqueOrThrow({ where: { id: hook.id } })).enabled).toBe(true);
  });
});

describe("webhook secrets and master key rotation", () => {
  it("keys:rotate re-wraps webhook secrets too; deliveries work under a ring holding only the new key", async () => {
    const oldKey = env().WINDSOCK_MASTER_KEY!;
    const newKey = randomBytes(32).toString("base64");
    const tenant = await makeTenant("Rotor");
    const environment = { id: tenant.environments.dev.id, organizationId: tenant.organization.id };
    await storeDag(environment, DAG("rotor"), { paused: true });
    try {
      useSecretsKms(new LocalKeyManagementService([{ id: "k1", base64: oldKey }]));
      const created = await api(tenant.owner).create(environment.id, "rotor", { name: "rotor" });
      // A rotation in its grace period: both secrets live in the one sealed payload.
      const rolled = await api(tenant.owner).rotate(environment.id, "rotor", created.body.webhook_id, { expire_previous_in_hours: 1 });
      const result = await rotateMasterKeys(new LocalKeyManagementService([{ id: "k2", base64: newKey }, { id: "k1", base64: oldKey }]), { organizationId: tenant.organization.id });
      expect(result.webhook).toMatchObject({ scanned: 1, rewrapped: 1, failed: [] });
      const row = await db().webhook.findUniqueOrThrow({ where: { id: created.body.webhook_id } });
      expect([row.keyId, keyIdOf(row.sealedSecret)]).toEqual(["k2", "k2"]);
      useSecretsKms(new LocalKeyManagementService([{ id: "k2", base64: newKey }]));
      expect((await deliver(created.body.webhook_id, created.body.secret, {})).status).toBe(202);
      expect((await deliver(created.body.webhook_id, rolled.body.secret, {})).status).toBe(202);
    } finally {
      useSecretsKms(undefined);
    }
  });
});
