// The one way a user-caused change reaches the database: a transaction that makes the
// change and writes its audit event, so both commit or neither does (STYLE.md habit 10).
import type { Prisma } from "../../../generated/prisma/client";
import { writeAuditEvent } from "../audit/write-audit-event";
import { db } from "../db";
import type { Access } from "./access";
import { auditPrincipal } from "./principal";

export type Tx = Prisma.TransactionClient;

/** What the change fills in as it learns it (a created row's id, a before/after summary). */
export interface AuditNote {
  targetId: string | null;
  summary: Record<string, unknown>;
}

export async function mutate<T>(
  access: Access,
  action: string,
  target: { type: string; id?: string | null },
  change: (tx: Tx, audit: AuditNote) => Promise<T>,
): Promise<T> {
  return db().$transaction(async (tx) => {
    const audit: AuditNote = { targetId: target.id ?? null, summary: {} };
    const result = await change(tx, audit);
    await writeAuditEvent(tx, {
      action,
      outcome: "success",
      principal: auditPrincipal(access.principal),
      organizationId: access.organization?.id ?? null,
      workspaceId: access.workspace?.id ?? null,
      environmentId: access.environment?.id ?? null,
      target: { type: target.type, id: audit.targetId },
      request: access.request,
      summary: audit.summary,
    });
    return result;
  });
}
