// The one writer of audit events (STYLE.md habit 10). Every mutation calls it with the
// transaction that makes the change, so the event and the change commit or roll back
// together. Issue 7 adds hash chaining here: keep every insert going through this file.
import type { Prisma } from "../../../generated/prisma/client";

export type AuditOutcome = "success" | "denied" | "failure";

/** Who acted. `dag_run` is a task reading a secret; `anonymous` a failed login. */
export type AuditPrincipal =
  | { type: "user"; id: string; name?: string | null }
  | { type: "token"; id: string; name?: string | null }
  | { type: "dag_run"; id: string; name?: string | null }
  | { type: "system"; id?: string | null; name?: string | null }
  | { type: "anonymous"; id?: null; name?: string | null };

/** What `requestContext()` gives; absent for the worker and the CLI. */
export interface AuditRequest {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditEventInput {
  /** `resource.action`, the same names as the permission table (e.g. "workspace.create", "user.signup"). */
  action: string;
  outcome: AuditOutcome;
  principal: AuditPrincipal;
  organizationId?: string | null;
  workspaceId?: string | null;
  environmentId?: string | null;
  target?: { type: string; id?: string | null } | null;
  request?: AuditRequest | null;
  /** A short before/after summary. Never secret values: it is shown in the audit log UI. */
  summary?: Record<string, unknown>;
  /** Defaults to the database's now(). */
  at?: Date;
}

/** A Prisma transaction client or the client itself: anything that can insert an event. */
export type AuditDb = Pick<Prisma.TransactionClient, "auditEvent">;

// Bounds keep a hostile User-Agent or summary from bloating the log.
const MAX_USER_AGENT = 512;
const MAX_SUMMARY_CHARS = 8_000;

export async function writeAuditEvent(tx: AuditDb, event: AuditEventInput): Promise<{ id: string }> {
  return tx.auditEvent.create({
    data: {
      ...(event.at ? { at: event.at } : {}),
      action: event.action,
      outcome: event.outcome,
      principalType: event.principal.type,
      principalId: event.principal.id ?? null,
      principalName: event.principal.name ?? null,
      organizationId: event.organizationId ?? null,
      workspaceId: event.workspaceId ?? null,
      environmentId: event.environmentId ?? null,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      ip: event.request?.ip ?? null,
      userAgent: event.request?.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      requestId: event.request?.requestId ?? null,
      summary: boundedSummary(event.summary) as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
}

function boundedSummary(summary: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!summary) return {};
  const json = JSON.stringify(summary);
  if (json.length <= MAX_SUMMARY_CHARS) return JSON.parse(json) as Record<string, unknown>;
  return { truncated: true, preview: json.slice(0, MAX_SUMMARY_CHARS) };
}
