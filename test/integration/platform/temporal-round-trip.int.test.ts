// One Temporal round trip through every plane: the app's client starts a workflow,
// the worker (same code as worker/main.ts) runs it, its activity answers from PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { closeDb } from "../../../lib/server/db";
import { env } from "../../../lib/server/env";
import { closeTemporalClient, temporalClient } from "../../../lib/server/temporal";
import { createWorker } from "../../../worker/create-worker";

afterAll(async () => {
  await closeTemporalClient();
  await closeDb();
});

describe("Temporal round trip", () => {
  it("runs a workflow started by the app's client on the worker", async () => {
    const { worker, connection } = await createWorker();
    const client = await temporalClient();
    try {
      const result = await worker.runUntil(
        client.workflow.execute("pingWorkflow", {
          taskQueue: env().TEMPORAL_TASK_QUEUE,
          workflowId: `test-ping-${randomUUID()}`,
          args: ["hello"],
        }),
      );
      expect(result.message).toBe("hello");
      expect(Date.parse(result.databaseTime)).toBeGreaterThan(Date.parse("2020-01-01"));
    } finally {
      await connection.close();
    }
  });
});
