// "Test connection" runs here, in the worker, so it leaves through the same outbound
// policy as tasks (ALLOW_PRIVATE_NETWORK) and never from the web app's network position.
import { env } from "../../lib/server/env";
import { runConnectionTest, type TestConnectionInput } from "../../lib/server/services/connections/run-connection-test";
import type { ConnectionTestResult } from "../../lib/server/services/connections/probe-connection";
import type { ActivityDeps } from "./index";

/** How long one probe may take; the workflow's activity timeout is a little longer. */
export const TEST_CONNECTION_TIMEOUT_MS = 10_000;

export function createTestConnectionActivities(deps: ActivityDeps) {
  return {
    async testConnection(input: TestConnectionInput): Promise<ConnectionTestResult> {
      return runConnectionTest(input, {
        allowPrivateNetwork: deps.allowPrivateNetwork ?? env().ALLOW_PRIVATE_NETWORK,
        timeoutMs: TEST_CONNECTION_TIMEOUT_MS,
      });
    },
  };
}
