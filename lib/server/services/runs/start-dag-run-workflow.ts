// Starts the durable DagRun workflow of a run whose row exists. Safe to call any number of
// times, from anywhere (trigger, unpause, the reconciler, the scheduler): the workflow id is
// the run's business key and `USE_EXISTING` answers with the running execution instead of a
// second one; REJECT_DUPLICATE keeps a finished run from being started again.
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/client";
import type { Prisma } from "../../../../generated/prisma/client";
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

export async function startDagRunWorkflow(
  run: StartableRun,
  options: { taskQueue?: string; tx?: Prisma.TransactionClient; reopen?: boolean } = {},
): Promise<void> {
  const client = await temporalClient();
  // A run queued again after it had started (startDate set) was re-opened by a clear or a mark:
  // it needs a new execution, never the old one (which may still be closing).
  const row = options.reopen ? null : await (options.tx ?? db()).dagRun.findUnique({ where: { id: run.id }, select: { state: true, startDate: true } });
  if (options.reopen || (row?.state === "queued" && row.startDate !== null)) {
    // The reconciler does not wait: if the old execution is still closing it tries again later.
    if (await reopenDagRunWorkflow(run, options.taskQueue, options.reopen ? 15_000 : 0)) {
      await (options.tx ?? db()).dagRun.updateMany({ where: { id: run.id, workflowStartedAt: null }, data: { workflowStartedAt: new Date() } });
    }
    return;
  }
  try {
    await client.workflow.start(DAG_RUN_WORKFLOW, {
      taskQueue: options.taskQueue ?? env().TEMPORAL_TASK_QUEUE,
      workflowId: dagRunWorkflowId(run),
      args: [{ dagRunId: run.id }],
      workflowIdConflictPolicy: "USE_EXISTING",
      workflowIdReusePolicy: "REJECT_DUPLICATE",
      // While a local activity runs, the workflow task stays open and is heartbeated at 80 % of
      // this; timers and regular activity results wait for that heartbeat, and a lost worker
      // is noticed after it. 10 s (Temporal's default) would delay a dagrun_timeout or a retry
      // by up to 8 s behind a long local try; 6 s keeps that under 5 s while a busy worker
      // (a fan-out of hundreds of tries on 2 cores) still heartbeats in time.
      workflowTaskTimeout: "6s",
    });
  } catch (error) {
    // A closed execution with this id: the run was started (and finished) before.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  // In the caller's transaction when it has one (no second pool connection while it holds one).
  await (options.tx ?? db()).dagRun.updateMany({ where: { id: run.id, workflowStartedAt: null }, data: { workflowStartedAt: new Date() } });
}

/**
 * A finished run re-opened by a clear or a mark (its row is queued again): a new execution
 * under the same id, which continues from the database (loadDagRun's `restore`). The previous
 * execution may still be closing (its last write is done, it has not returned yet), so a
 * running one is waited for (up to waitMs; 0: give up at once) rather than reused. True when
 * this call started it.
 */
async function reopenDagRunWorkflow(run: StartableRun, taskQueue: string | undefined, waitMs: number): Promise<boolean> {
  const client = await temporalClient();
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await client.workflow.start(DAG_RUN_WORKFLOW, {
        taskQueue: taskQueue ?? env().TEMPORAL_TASK_QUEUE,
        workflowId: dagRunWorkflowId(run),
        args: [{ dagRunId: run.id }],
        workflowIdConflictPolicy: "FAIL",
        workflowIdReusePolicy: "ALLOW_DUPLICATE",
        workflowTaskTimeout: "6s",
      });
      return true;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      if (waitMs === 0) return false;
      // Another starter (the reconciler) got there first: its execution has taken the run.
      const row = await db().dagRun.findUnique({ where: { id: run.id }, select: { state: true } });
      if (row?.state !== "queued") return false;
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
