// "Test connection" as a workflow of one activity, so the web app reaches the worker the
// way everything else does (Temporal client → task queue) and the probe has a hard
// timeout. The input carries ids only; the activity reads the secrets from the store.
import { proxyActivities } from "@temporalio/workflow";
import type { Activities } from "../worker/activities";

const { testConnection } = proxyActivities<Activities>({
  startToCloseTimeout: "20s",
  retry: { maximumAttempts: 1 },
});

export type TestConnectionWorkflowInput = Parameters<Activities["testConnection"]>[0];

export async function testConnectionWorkflow(input: TestConnectionWorkflowInput): ReturnType<Activities["testConnection"]> {
  return testConnection(input);
}
