// The audit hash chain against real PostgreSQL: concurrent writers of one organization
// never fork it, other organizations do not share it, and any edit is detected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditChainKey } from "../../../lib/server/audit/audit-hash";
import { verifyAuditChain } from "../../../lib/server/audit/verify-audit-chain";
import { writeAuditEvent } from "../../../lib/server/audit/write-audit-event";
import { closeDb, db } from "../../../lib/server/db";
import { makeTenant, type Tenant } from "./fixtures";

let acme: Tenant;
let globex: Tenant;
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
});
afterAll(closeDb);

const write = (organizationId: string, n: number) =>
  db().$transaction((tx) =>
    writeAuditEvent(tx, {
      action: "dag.trigger",
      outcome: "success",
      principal: { type: "user", id: "u", name: "u@example.test" },
      organizationId,
      target: { type: "dag", id: `dag-${n}` },
      summary: { n, nested: { b: 2, a: 1 } },
    }),
  );

describe("audit hash chain", () => {
  it("gives 40 concurrent writers consecutive seqs in one chain per organization and day, and verifies", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, n) => write(n % 2 ? acme.organization.id : globex.organization.id, n)));
    for (const tenant of [acme, globex]) {
      const key = auditChainKey(tenant.organization.id, new Date());
      const seqs = (await db().auditEvent.findMany({ where: { chainKey: key }, select: { seq: true }, orderBy: { seq: "asc" } })).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i)); // no gap, no duplicate: no fork
      expect(seqs.length).toBeGreaterThanOrEqual(21); // 20 here + the organization.create of sign-up
      expect(await verifyAuditChain(key)).toEqual({ ok: true, events: seqs.length });
    }
  });

  it("chains an event written without a transaction too (denials)", async () => {
    await writeAuditEvent(db(), { action: "dag.deploy", outcome: "denied", principal: { type: "user", id: "u" }, organizationId: acme.organization.id });
    expect((await verifyAuditChain(auditChainKey(acme.organization.id, new Date()))).ok).toBe(true);
  });

  it("detects a changed event and a deleted one", async () => {
    const key = auditChainKey(acme.organization.id, new Date());
    const victim = await db().auditEvent.findFirstOrThrow({ where: { chainKey: key, seq: 3 } });
    await db().auditEvent.update({ where: { id: victim.id }, data: { summary: { n: 999 } } });
    expect(await verifyAuditChain(key)).toMatchObject({ ok: false, brokenAtSeq: 3, reason: expect.stringMatching(/changed/) });
    await db().auditEvent.delete({ where: { id: victim.id } });
    expect(await verifyAuditChain(key)).toMatchObject({ ok: false, brokenAtSeq: 4, reason: expect.stringMatching(/missing/) });
  });
});
