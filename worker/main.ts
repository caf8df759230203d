// The worker process: runs DagRun workflows and their activities, the scheduler loop and
// the reconciler. Any number of replicas may run against the same queue.
import os from "node:os";
import { DefaultLogger, Runtime } from "@temporalio/worker";
import { installSandboxThreads } from "../lib/operators/sandbox/sandbox-threads";
import { closeDb } from "../lib/server/db";
import { closeSqlPool } from "../lib/server/sql-pool";
import { ConfigError, env } from "../lib/server/env";
import { startBackgroundLoops } from "./background-loops";
import { createWorker } from "./create-worker";

async function main() {
  let e;
  try {
    e = env();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  Runtime.install({ logger: new DefaultLogger(e.LOG_LEVEL === "debug" ? "DEBUG" : "WARN"), shutdownSignals: ["SIGINT", "SIGTERM"] });
  // Scripts compute off the main thread, which keeps Temporal's heartbeats on time.
  const threads = installSandboxThreads(e.WINDSOCK_SANDBOX_THREADS ?? Math.min(4, os.availableParallelism()));
  const { worker, connection } = await createWorker();
  console.log(`worker: polling task queue "${e.TEMPORAL_TASK_QUEUE}" on ${e.TEMPORAL_ADDRESS} (namespace ${e.TEMPORAL_NAMESPACE}); ${threads ? `${threads.size} sandbox threads` : "scripts on the main thread"}`);
  const loops = startBackgroundLoops();
  try {
    await worker.run();
  } finally {
    await loops.stop();
    await connection.close();
    await closeSqlPool();
    await closeDb();
  }
}

main().catch((err) => {
  console.error("worker: fatal:", err);
  process.exit(1);
});
