// The worker's half of "Test connection" (the testConnection activity): reads the stored
// connection at run time (its secrets never travel in the workflow's input or history),
// audits the decrypt as the person who asked, and probes the system it points at.
import type { AuditPrincipal } from "../../audit/write-audit-event";
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
  const connection = await openConnection(row);
  if (row.sealedSecrets) {
    await auditSecretRead(db(), {
      scope: { ...scope, workspaceId: input.workspaceId },
      principal: input.requestedBy,
      request: { ip: null, userAgent: null, requestId: input.requestId },
      purpose: "test",
      target: { type: "connection", id: row.id },
      summary: { connection_id: row.connectionId, secrets: row.secretsSet },
    });
  }
  return probeConnection(connection, { ...options, postToSlack: input.postToSlack === true });
}
