// The worker's half of "Test connection" (the testConnection activity): reads the stored
// connection at run time (its secrets never travel in the workflow's input or history),
// audits the decrypt as the person who asked, and probes the system it points at.
import type { AuditPrincipal } from "../../audit/write-audit-event";
import { SecretCryptoError } from "../../crypto";
import { db } from "../../db";
import { auditSecretRead, findConnectionRow, openConnection } from "./connection-store";
import { probeConnection, type ConnectionTestResult, type ProbeOptions } from "./probe-connection";

/** The workflow's input: ids only, nothing secret. */
export interface TestConnectionInput {
  organizationId: string;
  workspaceId: string;
  environmentId: string;
  connectionId: string;
  /** The row the user saw; a connection deleted and created again meanwhile is not tested. */
  connectionRowId: string;
  requestedBy: AuditPrincipal;
  requestId: string | null;
  postToSlack?: boolean;
}

export async function runConnectionTest(input: TestConnectionInput, options: Omit<ProbeOptions, "postToSlack">): Promise<ConnectionTestResult> {
  const scope = { organizationId: input.organizationId, environmentId: input.environmentId };
  const row = await findConnectionRow(scope, input.connectionId);
  if (!row || row.id !== input.connectionRowId) {
    return { status: "failed", message: `the connection "${input.connectionId}" was deleted or replaced before it could be tested`, hint: "Reload the page and test it again.", latency_ms: null, tested_at: new Date().toISOString() };
  }
  const audit = {
    scope: { ...scope, workspaceId: input.workspaceId },
    principal: input.requestedBy,
    request: { ip: null, userAgent: null, requestId: input.requestId },
    purpose: "test" as const,
    target: { type: "connection" as const, id: row.id },
    summary: { connection_id: row.connectionId, secrets: row.secretsSet },
  };
  let connection;
  try {
    connection = await openConnection(row);
  } catch (error) {
    const reason = error instanceof SecretCryptoError ? error.reason : "error";
    await auditSecretRead(db(), { ...audit, outcome: "failure", summary: { ...audit.summary, reason } });
    return {
      status: "failed",
      message: `the stored secrets cannot be decrypted: ${(error as Error).message}`,
      hint: reason === "unknown_key" ? "An administrator must configure that master key again (see docs/connections.md, Rotating the master key)." : "Enter the secret fields again and save.",
      latency_ms: null,
      tested_at: new Date().toISOString(),
    };
  }
  if (row.sealedSecrets) await auditSecretRead(db(), audit);
  return probeConnection(connection, { ...options, postToSlack: input.postToSlack === true });
}
