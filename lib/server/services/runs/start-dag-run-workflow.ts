// Starts the durable DagRun workflow of a run whose row exists. Safe to call any number of
// times, from anywhere (trigger, unpause, the reconciler, the scheduler): the workflow id is
// the run's business key and `USE_EXISTING` answers with the running execution instead of a
// second one; REJECT_DUPLICATE keeps a finished run from being started again.
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/client";
import { db } from "../../db";
import { env } from "../../env";
import { temporalClient } from "../../temporal";

export const DAG_RUN_WORKFLOW = "dagRunWorkflow";

export function dagRunWorkflowId(run: { environmentId: string; dagId: string; runId: string }): string {
  return `${run.environmentId}/${run.dagId}/${run.runId}`;
}

export interface StartableRun {
  id: string;
  environmentId: string;
  dagId: string;
  runId: string;
}

export async function startDagRunWorkflow(run: StartableRun, options: { taskQueue?: string } = {}): Promise<void> {
  const client = await temporalClient();
  try {
    await client.workflow.start(DAG_RUN_WORKFLOW, {
      taskQueue: options.taskQueue ?? env().TEMPORAL_TASK_QUEUE,
      workflowId: dagRunWorkflowId(run),
      args: [{ dagRunId: run.id }],
      workflowIdConflictPolicy: "USE_EXISTING",
      workflowIdReusePolicy: "REJECT_DUPLICATE",
    });
  } catch (error) {
    // A closed execution with this id: the run was started (and finished) before.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  await db().dagRun.updateMany({ where: { id: run.id, workflowStartedAt: null }, data: { workflowStartedAt: new Date() } });
}
