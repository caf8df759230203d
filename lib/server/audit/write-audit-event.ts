// The one writer of audit events (STYLE.md habit 10). Every mutation calls it with the
// transaction that makes the change, so the event and the change commit or roll back
// together. Events are hash-chained per organization and UTC day: the writer locks the
// chain's head row until its transaction ends, so concurrent writers of one chain line
// up (and writers of other organizations or days never wait for them).
import type { Prisma, PrismaClient } from "../../../generated/prisma/client";
import { auditChainKey, auditEventHash, genesisHash } from "./audit-hash";

export type AuditOutcome = "success" | "denied" | "failure";

/** Who acted. `dag_run` is a task reading a secret; `webhook` a signed inbound delivery; `anonymous` a failed login. */
export type AuditPrincipal =
  | { type: "user"; id: string; name?: string | null }
  | { type: "token"; id: string; name?: string | null }
  | { type: "dag_run"; id: string; name?: string | null }
  | { type: "webhook"; id: string; name?: string | null }
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

/** A Prisma transaction client (the usual case) or the client itself (a transaction is opened). */
export type AuditDb = Prisma.TransactionClient | PrismaClient;

// Bounds keep a hostile User-Agent or summary from bloating the log.
const MAX_USER_AGENT = 512;
const MAX_SUMMARY_CHARS = 8_000;

export async function writeAuditEvent(db: AuditDb, event: AuditEventInput): Promise<{ id: string; hash: string }> {
  // The chain's head stays locked until the transaction ends; outside one, open one.
  if ("$transaction" in db) return db.$transaction((tx) => appendEvent(tx, event));
  return appendEvent(db, event);
}

async function appendEvent(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<{ id: string; hash: string }> {
  const at = event.at ?? new Date();
  const organizationId = event.organizationId ?? null;
  const chainKey = auditChainKey(organizationId, at);
  await tx.$executeRaw`INSERT INTO audit_chain_head (chain_key, seq, last_hash) VALUES (${chainKey}, -1, ${genesisHash(chainKey)}) ON CONFLICT (chain_key) DO NOTHING`;
  const [head] = await tx.$queryRaw<{ seq: number; last_hash: string }[]>`SELECT seq, last_hash FROM audit_chain_head WHERE chain_key = ${chainKey} FOR UPDATE`;
  const fields = {
    chainKey,
    seq: head!.seq + 1,
    prevHash: head!.last_hash,
    at,
    action: event.action,
    outcome: event.outcome,
    principalType: event.principal.type,
    principalId: event.principal.id ?? null,
    principalName: event.principal.name ?? null,
    organizationId,
    workspaceId: event.workspaceId ?? null,
    environmentId: event.environmentId ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    ip: event.request?.ip ?? null,
    userAgent: event.request?.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
    requestId: event.request?.requestId ?? null,
    summary: boundedSummary(event.summary),
  };
  const hash = auditEventHash(fields);
  await tx.$executeRaw`UPDATE audit_chain_head SET seq = ${fields.seq}, last_hash = ${hash} WHERE chain_key = ${chainKey}`;
  const row = await tx.auditEvent.create({
    data: { ...fields, summary: fields.summary as Prisma.InputJsonValue, hash },
    select: { id: true },
  });
  return { id: row.id, hash };
}

function boundedSummary(summary: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!summary) return {};
  const json = JSON.stringify(summary);
  if (json.length <= MAX_SUMMARY_CHARS) return JSON.parse(json) as Record<string, unknown>;
  return { truncated: true, preview: json.slice(0, MAX_SUMMARY_CHARS) };
}
