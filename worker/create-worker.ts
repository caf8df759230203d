// Builds a Temporal worker on the shared task queue. Used by worker/main.ts and by
// integration tests, which run the same worker in-process.
import { NativeConnection, Worker, type WorkerOptions } from "@temporalio/worker";
import { fileURLToPath } from "node:url";
import { db } from "../lib/server/db";
import { env } from "../lib/server/env";
import { createActivities } from "./activities";

export const workflowsPath = fileURLToPath(new URL("../workflows/index.ts", import.meta.url));

export async function createWorker(overrides: Partial<WorkerOptions> = {}) {
  const e = env();
  const connection = await NativeConnection.connect({
    address: e.TEMPORAL_ADDRESS,
    tls: e.TEMPORAL_TLS || undefined,
    apiKey: e.TEMPORAL_API_KEY,
  });
  const worker = await Worker.create({
    connection,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    workflowsPath,
    activities: createActivities({ db: db() }),
    ...overrides,
  });
  return { worker, connection };
}
