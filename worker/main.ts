// The worker process: runs DagRun workflows and their activities, the scheduler loop and
// the reconciler. Any number of replicas may run against the same queue.
import { DefaultLogger, Runtime } from "@temporalio/worker";
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
  const { worker, connection } = await createWorker();
  console.log(`worker: polling task queue "${e.TEMPORAL_TASK_QUEUE}" on ${e.TEMPORAL_ADDRESS} (namespace ${e.TEMPORAL_NAMESPACE})`);
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
