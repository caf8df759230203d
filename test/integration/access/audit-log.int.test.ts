// The organization's audit log as admins read it: filters (action exact or prefix,
// principal, target, outcome, environment, dates), paging, the NDJSON export (only this
// organization, oldest first, every event), and chain verification that notices tampering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { writeAuditEvent } from "../../../lib/server/audit/write-audit-event";
import { closeDb, db } from "../../../lib/server/db";
import { checkAuditChains } from "../../../lib/server/services/access/check-audit-chains";
import { exportAuditEvents } from "../../../lib/server/services/access/export-audit-events";
import { AUDIT_PAGE_SIZE, listAuditEvents, parseAuditFilter } from "../../../lib/server/services/access/list-audit-events";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";
import { refusal } from "./helpers";

let acme: Tenant;
let globex: Tenant;
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  const write = (t: Tenant, action: string, extra: Partial<Parameters<typeof writeAuditEvent>[1]> = {}) =>
    writeAuditEvent(db(), { action, outcome: "success", principal: { type: "user", id: t.owner.userId, name: t.owner.email }, organizationId: t.organization.id, ...extra });
  for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) await write(acme, "dag.trigger", { environmentId: acme.environments.dev.id, target: { type: "dag_run", id: `run-${i}` } });
  await write(acme, "dag.deploy", { environmentId: acme.environments.prd.id, outcome: "denied", principal: { type: "token", id: "tok-1", name: "ci-token" } });
  await write(acme, "group.create", { target: { type: "group", id: "g-1" }, at: new Date("2026-01-15T12:00:00Z") });
  await write(globex, "dag.trigger", { environmentId: globex.environments.dev.id });
});
afterAll(() => closeDb());

const org = (t: Tenant) => ({ orgSlug: t.organization.slug });
const list = async (query: Record<string, string>) => listAuditEvents(await checkAccess(acme.owner, "audit.read", org(acme)), parseAuditFilter(query));

describe("audit log", () => {
  it("filters by action (exact or prefix), principal, target, outcome, environment and dates; pages of 50", async () => {
    const triggers = await list({ action: "dag.trigger" });
    expect(triggers.total).toBe(AUDIT_PAGE_SIZE + 5);
    expect(triggers.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect((await list({ action: "dag.trigger", page: "2" })).events).toHaveLength(5);
    expect((await list({ action: "dag." })).total).toBe(AUDIT_PAGE_SIZE + 6);
    expect((await list({ principal: "CI-TOK" })).events.map((e) => e.action)).toEqual(["dag.deploy"]);
    expect((await list({ outcome: "denied" })).events.map((e) => e.action)).toEqual(["dag.deploy"]);
    expect((await list({ environment: acme.environments.prd.id })).total).toBe(1);
    expect((await list({ target: "run-7" })).total).toBe(1);
    expect((await list({ target: "group" })).events.map((e) => e.targetId)).toEqual(["g-1"]);
    expect((await list({ from: "2026-01-15", to: "2026-01-15" })).events.map((e) => e.action)).toEqual(["group.create"]);
    expect((await list({ to: "2026-01-14" })).total).toBe(0);
    // Malformed filters are ignored, never an error.
    expect((await list({ outcome: "nope", from: "yesterday", page: "-3" })).page).toBe(1);
  });

  it("never shows another organization's events, whatever the filter", async () => {
    const all = await list({});
    expect(all.events.every((e) => e.environmentId !== globex.environments.dev.id)).toBe(true);
    expect((await list({ environment: globex.environments.dev.id })).total).toBe(0);
  });

  it("exports every matching event as NDJSON, oldest first, in batches", async () => {
    const access = await checkAccess(acme.owner, "audit.read", org(acme));
    const lines: string[] = [];
    for await (const line of exportAuditEvents(access, parseAuditFilter({ action: "dag." }))) lines.push(line);
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
    const events = lines.map((l) => JSON.parse(l) as { at: string; action: string; organization_id: string; chain: { hash: string } });
    expect(events).toHaveLength(AUDIT_PAGE_SIZE + 6);
    expect(events.every((e) => e.organization_id === acme.organization.id && e.chain.hash.length === 64)).toBe(true);
    expect([...events].sort((a, b) => a.at.localeCompare(b.at)).map((e) => e.at)).toEqual(events.map((e) => e.at));
    // Small batches page through the same rows, none twice, none lost.
    const paged: string[] = [];
    for await (const line of exportAuditEvents(access, parseAuditFilter({ action: "dag." }), { batch: 7 })) paged.push(line);
    expect(paged).toEqual(lines);
  });

  it("verifies the day chains, and says where one was tampered with", async () => {
    const access = await checkAccess(acme.owner, "audit.read", org(acme));
    const before = await checkAuditChains(access);
    expect(before.ok).toBe(true);
    expect(before.events).toBeGreaterThan(AUDIT_PAGE_SIZE);
    const victim = await db().auditEvent.findFirstOrThrow({ where: { organizationId: acme.organization.id, action: "dag.deploy" } });
    await db().auditEvent.update({ where: { id: victim.id }, data: { outcome: "success" } });
    const after = await checkAuditChains(access);
    expect(after.ok).toBe(false);
    const broken = after.days.find((d) => !d.verdict.ok)!;
    expect(broken.verdict).toMatchObject({ ok: false, brokenAtSeq: victim.seq });
    // Asked for the days on screen only, it checks just those.
    const jan = await checkAuditChains(access, { days: ["2026-01-15"] });
    expect(jan).toMatchObject({ ok: true, events: 1 });
    expect(jan.days.map((d) => d.day)).toEqual(["2026-01-15"]);
  });

  it("is for admins and owners: an editor gets 403", async () => {
    const editor = await makeMember(acme, "editor");
    expect((await refusal(checkAccess(editor, "audit.read", org(acme)))).code).toBe("forbidden");
  });
});
