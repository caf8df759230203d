// The smallest round trip through every plane: the app's client starts it, a worker
// runs it, and its activity answers from PostgreSQL. Used by tests and `npm start`'s
// self-check.
import { proxyActivities } from "@temporalio/workflow";
import type { Activities } from "../worker/activities";

const { ping } = proxyActivities<Activities>({
  startToCloseTimeout: "10s",
  retry: { maximumAttempts: 1 },
});

export interface PingResult {
  message: string;
  databaseTime: string;
}

export async function pingWorkflow(message: string): Promise<PingResult> {
  return ping(message);
}
