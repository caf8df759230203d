// The encrypted connection store, shared by the REST/UI services, the worker's secrets
// port, test-connection and key rotation. A row keeps the connection without its secrets
// in `fields` (readable by viewers) and every secret value in one sealed JSON object whose
// associated data binds organization, environment and the row's id (never the
// connection_id, so a rename could not unlock it and a copied ciphertext fails).
// Every query takes the scope (organization AND environment): another tenant's row is
// simply not found.
import type { Prisma } from "../../../../generated/prisma/client";
import {
  CONNECTION_TYPES,
  exportConnectionUri,
  secretEntries,
  withoutSecrets,
  type Connection,
  type ConnectionProblem,
} from "../../../domain/connections";
import { writeAuditEvent, type AuditDb, type AuditPrincipal, type AuditRequest } from "../../audit/write-audit-event";
import { decryptSecret, encryptSecret, keyIdOf, type KeyManagementService, type SecretContext } from "../../crypto";
import { db } from "../../db";
import { AppError } from "../../errors";
import { secretsKms } from "../secrets/secrets-kms";

/** Where a connection lives. Both ids come from the gate (or the DagRun row), never from a request. */
export interface SecretScope {
  organizationId: string;
  environmentId: string;
}

export const connectionRowSelect = {
  id: true,
  organizationId: true,
  environmentId: true,
  connectionId: true,
  connType: true,
  description: true,
  fields: true,
  secretsSet: true,
  sealedSecrets: true,
  keyId: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type ConnectionRow = Prisma.ConnectionGetPayload<{ select: typeof connectionRowSelect }>;

type Reader = Pick<Prisma.TransactionClient, "connection">;

export const scopeWhere = (scope: SecretScope) => ({ organizationId: scope.organizationId, environmentId: scope.environmentId });

/** The row, or null when this environment has no such connection (whoever else does). */
export async function findConnectionRow(scope: SecretScope, connectionId: string, client: Reader = db()): Promise<ConnectionRow | null> {
  if (typeof connectionId !== "string" || connectionId.length === 0 || connectionId.length > 250) return null;
  return client.connection.findFirst({ where: { ...scopeWhere(scope), connectionId }, select: connectionRowSelect });
}

export async function requireConnectionRow(scope: SecretScope, connectionId: string, client?: Reader): Promise<ConnectionRow> {
  const row = await findConnectionRow(scope, connectionId, client);
  if (!row) throw new AppError("not_found", `There is no connection "${connectionId}" in this environment.`);
  return row;
}

export const secretContext = (scope: SecretScope, rowId: string): SecretContext => ({
  organizationId: scope.organizationId,
  environmentId: scope.environmentId,
  objectType: "connection",
  objectId: rowId,
  field: "secrets",
});

/** What the row stores for a validated connection: readable fields, the sealed secrets, their names. */
export async function sealConnection(
  scope: SecretScope,
  rowId: string,
  connection: Connection,
  kms: KeyManagementService = secretsKms(),
): Promise<{ fields: Connection; secretsSet: string[]; sealedSecrets: string | null; keyId: string | null }> {
  const { connection: fields, secrets_set } = withoutSecrets(connection);
  const entries = secretEntries(connection);
  if (entries.length === 0) return { fields, secretsSet: [], sealedSecrets: null, keyId: null };
  const sealed = await encryptSecret(kms, JSON.stringify(Object.fromEntries(entries)), secretContext(scope, rowId));
  return { fields, secretsSet: secrets_set, sealedSecrets: sealed, keyId: keyIdOf(sealed) };
}

/** The connection with its secrets. Callers write the audit event (`auditSecretRead`). */
export async function openConnection(row: ConnectionRow, kms: KeyManagementService = secretsKms()): Promise<Connection> {
  const connection = { ...(row.fields as unknown as Connection) };
  if (!row.sealedSecrets) return connection;
  const secrets = JSON.parse(await decryptSecret(kms, row.sealedSecrets, secretContext(row, row.id))) as Record<string, unknown>;
  const extra: Record<string, unknown> = { ...(connection.extra ?? {}) };
  for (const [path, value] of Object.entries(secrets)) {
    if (path.startsWith("extra.")) extra[path.slice(6)] = value;
    else connection[path] = value;
  }
  if (Object.keys(extra).length) connection.extra = extra;
  return connection;
}

export interface SecretReadAudit {
  scope: SecretScope & { workspaceId?: string | null };
  principal: AuditPrincipal;
  request?: AuditRequest | null;
  /** "task" (a DagRun read it), "test" (test connection), "patch" (re-sealed after an edit). */
  purpose: "task" | "test" | "patch";
  target: { type: "connection" | "variable"; id: string };
  summary: Record<string, unknown>;
  /** "failure" when the value did not decrypt (tampered, or its master key is missing). */
  outcome?: "success" | "failure";
  /** False for a read with nothing to decrypt (a plain variable, a connection without secrets): action `<type>.read`. */
  decrypted?: boolean;
}

/** Every decrypt (and every task read) is audited: who or which run read what, never the value. */
export async function auditSecretRead(client: AuditDb, read: SecretReadAudit): Promise<void> {
  await writeAuditEvent(client, {
    action: `${read.target.type}.${read.decrypted === false ? "read" : "decrypt"}`,
    outcome: read.outcome ?? "success",
    principal: read.principal,
    organizationId: read.scope.organizationId,
    workspaceId: read.scope.workspaceId ?? null,
    environmentId: read.scope.environmentId,
    target: read.target,
    request: read.request ?? null,
    summary: { purpose: read.purpose, ...read.summary },
  });
}

/** The API's view of a connection: Airflow's names, the typed fields of its type, never a secret value. */
export interface ConnectionView {
  connection_id: string;
  conn_type: string;
  description: string | null;
  [field: string]: unknown;
  extra: Record<string, unknown> | null;
  secrets_set: string[];
  created_at: string;
  updated_at: string;
}

export function connectionView(row: ConnectionRow): ConnectionView {
  const fields = row.fields as unknown as Connection;
  const spec = CONNECTION_TYPES[fields.conn_type];
  const typed: Record<string, unknown> = {};
  for (const f of spec?.fields ?? []) if (!f.secret) typed[f.name] = fields[f.name] ?? null;
  return {
    connection_id: row.connectionId,
    conn_type: row.connType,
    description: fields.description ?? null,
    ...typed,
    extra: fields.extra && Object.keys(fields.extra).length ? fields.extra : null,
    secrets_set: [...row.secretsSet],
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Airflow's connection URI of the stored row, without any secret (readable fields only). */
export function exportUriOf(row: ConnectionRow): string {
  return exportConnectionUri(row.fields as unknown as Connection);
}

/** The 422 details: field -> message, every problem named (several for one field are joined). */
export function problemDetails(problems: readonly ConnectionProblem[]): Record<string, string> {
  const details: Record<string, string> = {};
  for (const p of problems) {
    const key = p.path || "connection";
    details[key] = details[key] ? `${details[key]}; ${p.message}` : p.message;
  }
  return details;
}
