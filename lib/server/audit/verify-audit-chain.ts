// Recomputes one audit chain and says where it breaks: a changed field, a deleted or
// inserted event, or a reordering all show up as the first bad seq.
import { db } from "../db";
import { auditEventHash, genesisHash } from "./audit-hash";

export type ChainVerdict = { ok: true; events: number } | { ok: false; events: number; brokenAtSeq: number; reason: string };

export async function verifyAuditChain(chainKey: string): Promise<ChainVerdict> {
  const rows = await db().auditEvent.findMany({ where: { chainKey }, orderBy: { seq: "asc" } });
  let prevHash = genesisHash(chainKey);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const fail = (reason: string): ChainVerdict => ({ ok: false, events: rows.length, brokenAtSeq: row.seq ?? i, reason });
    if (row.seq !== i) return fail(`expected seq ${i}, found ${row.seq} (an event is missing)`);
    if (row.prevHash !== prevHash) return fail("prevHash does not match the previous event's hash");
    const expected = auditEventHash({
      chainKey,
      seq: row.seq,
      prevHash: row.prevHash,
      at: row.at,
      action: row.action,
      outcome: row.outcome,
      principalType: row.principalType,
      principalId: row.principalId,
      principalName: row.principalName,
      organizationId: row.organizationId,
      workspaceId: row.workspaceId,
      environmentId: row.environmentId,
      targetType: row.targetType,
      targetId: row.targetId,
      ip: row.ip,
      userAgent: row.userAgent,
      requestId: row.requestId,
      summary: row.summary,
    });
    if (row.hash !== expected) return fail("the event's content does not match its hash (changed after it was written)");
    prevHash = row.hash;
  }
  return { ok: true, events: rows.length };
}
