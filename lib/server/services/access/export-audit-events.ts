// NDJSON export of the organization's audit log: one event per line, oldest first, read
// in keyset-paged batches so a year of events streams in constant memory.
import type { Access } from "../../authz/access";
import { db } from "../../db";
import { auditSelect, auditWhere, type AuditFilter } from "./list-audit-events";

const BATCH = 500;

export async function* exportAuditEvents(access: Access<"audit.read">, filter: AuditFilter, options: { batch?: number } = {}): AsyncGenerator<string> {
  const batch = options.batch ?? BATCH;
  const where = auditWhere(access.organization.id, { ...filter, page: undefined });
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where,
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: batch,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: auditSelect,
    });
    for (const row of rows) {
      yield JSON.stringify({
        id: row.id,
        at: row.at.toISOString(),
        action: row.action,
        outcome: row.outcome,
        principal: { type: row.principalType, id: row.principalId, name: row.principalName },
        organization_id: access.organization.id,
        workspace_id: row.workspaceId,
        environment_id: row.environmentId,
        target: { type: row.targetType, id: row.targetId },
        ip: row.ip,
        user_agent: row.userAgent,
        request_id: row.requestId,
        summary: row.summary,
        chain: { key: row.chainKey, seq: row.seq, hash: row.hash },
      }) + "\n";
    }
    if (rows.length < batch) return;
    cursor = rows[rows.length - 1]!.id;
  }
}
