// "Test connection" (editor): the web app asks a worker to probe the stored connection,
// through Temporal (a one-activity workflow with a timeout), and waits for the answer.
// Only saved connections are tested, so no secret ever enters a workflow's input.
import { randomUUID } from "node:crypto";
import type { testConnectionWorkflow } from "../../../../workflows/test-connection";
import { auditPrincipal, type Access } from "../../authz";
import { env } from "../../env";
import { AppError } from "../../errors";
import { temporalClient } from "../../temporal";
import { requireConnectionRow } from "./connection-store";
import type { ConnectionTestResult } from "./probe-connection";

/** The longest the web app waits for a worker to pick the test up and answer. */
const WAIT = "40s";

export async function testConnection(
  access: Access<"connection.write">,
  connectionId: string,
  options: { postToSlack?: boolean } = {},
): Promise<ConnectionTestResult & { connection_id: string }> {
  const row = await requireConnectionRow({ organizationId: access.organization.id, environmentId: access.environment.id }, connectionId);
  let client;
  try {
    client = await temporalClient();
  } catch {
    throw new AppError("unavailable", "Windsock's workers cannot be reached right now, so the connection cannot be tested. Try again in a minute.");
  }
  try {
    const result = await client.workflow.execute<typeof testConnectionWorkflow>("testConnectionWorkflow", {
      taskQueue: env().TEMPORAL_TASK_QUEUE,
      workflowId: `test-connection/${row.id}/${randomUUID()}`,
      workflowExecutionTimeout: WAIT,
      args: [
        {
          organizationId: access.organization.id,
          workspaceId: access.workspace.id,
          environmentId: access.environment.id,
          connectionId: row.connectionId,
          connectionRowId: row.id,
          requestedBy: auditPrincipal(access.principal),
          requestId: access.request.requestId,
          postToSlack: options.postToSlack === true,
        },
      ],
    });
    return { connection_id: row.connectionId, ...result };
  } catch (error) {
    const name = (error as Error).name;
    if (name === "WorkflowFailedError") {
      return {
        connection_id: row.connectionId,
        status: "failed",
        message: "the test did not finish in time (no worker answered, or the probe hung)",
        hint: "Check that a worker is running (npm start starts one), then test again.",
        latency_ms: null,
        tested_at: new Date().toISOString(),
      };
    }
    throw new AppError("unavailable", "Windsock's workers cannot be reached right now, so the connection cannot be tested. Try again in a minute.");
  }
}
