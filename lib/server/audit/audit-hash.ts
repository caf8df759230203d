// What an audit event's hash covers, in one place for the writer and the verifier.
// Canonical JSON (sorted keys) so the hash survives PostgreSQL's jsonb key reordering.
import { createHash } from "node:crypto";

export interface HashedAuditFields {
  chainKey: string;
  seq: number;
  prevHash: string;
  at: Date;
  action: string;
  outcome: string;
  principalType: string;
  principalId: string | null;
  principalName: string | null;
  organizationId: string | null;
  workspaceId: string | null;
  environmentId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  summary: unknown;
}

/** One chain per organization (or "global" for events without one) and UTC day. */
export function auditChainKey(organizationId: string | null, at: Date): string {
  return `${organizationId ?? "global"}/${at.toISOString().slice(0, 10)}`;
}

/** The prevHash of a chain's first event: bound to the chain, so chains cannot be swapped. */
export function genesisHash(chainKey: string): string {
  return sha256(`windsock-audit-genesis:${chainKey}`);
}

export function auditEventHash(fields: HashedAuditFields): string {
  return sha256(canonicalJson({ ...fields, at: fields.at.toISOString() }));
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
