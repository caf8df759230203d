// The core of the run operations (clear, mark a task, mark a run): one user event of the run
// engine, applied where the run lives. A running run gets it as a workflow Update (the
// workflow's engine decides and records); a finished run is computed here with the same engine
// from its recorded states, written to PostgreSQL, and re-opened by a new workflow execution
// that continues from the database (ARCHITECTURE.md "Planes"). Dry runs only compute.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import type { DagSpec } from "../../../domain/dag/spec";
import { applyEvents, createRun, type RunState, type TaskState } from "../../../domain/run";
import { runDagOf } from "../../../domain/run/run-dag-of";
import { OPERATE_RUN_UPDATE, type OperateRunInput, type OperateRunOutput } from "../../../../workflows/dag-run-contract";
import { mutate, type EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { temporalClient } from "../../temporal";
import { dagRunWorkflowId, startDagRunWorkflow } from "./start-dag-run-workflow";

export type RunOperation = OperateRunInput["event"];
/** The event without its time: the service stamps it. */
export type RunOperationRequest = RunOperation extends infer E ? (E extends RunOperation ? Omit<E, "at"> : never) : never;

export interface OperatedRun {
  id: string;
  environmentId: string;
  dagId: string;
  runId: string;
}

export interface OperationOutcome {
  changes: OperateRunOutput["changes"];
  ignored: string | null;
  run_state: string;
}

const FINISHED = new Set(["success", "failed"]);

/** The run's recorded state as the engine sees it. */
async function snapshot(run: OperatedRun): Promise<{ state: RunState; dbState: string }> {
  const row = await db().dagRun.findUniqueOrThrow({
    where: { id: run.id },
    include: { dagVersion: { select: { spec: true } }, taskInstances: true },
  });
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const tasks: Record<string, { state: TaskState; try_number: number; max_tries: number; start_date: string | null; end_date: string | null; reason: string | null; next_try_at: string | null }> = {};
  for (const ti of row.taskInstances) {
    tasks[ti.taskId] = { state: ti.state as TaskState, try_number: ti.tryNumber, max_tries: ti.maxTries, start_date: iso(ti.startDate), end_date: iso(ti.endDate), reason: ti.reason, next_try_at: iso(ti.nextTryAt) };
  }
  const runState = FINISHED.has(row.state) ? (row.state as "success" | "failed") : row.state === "queued" ? "queued" : "running";
  const state = createRun({
    dag: runDagOf(row.dagVersion.spec as unknown as DagSpec),
    run_id: row.runId,
    logical_date: iso(row.logicalDate),
    restore: { state: runState, start_date: iso(row.startDate), end_date: iso(row.endDate), tasks },
  });
  return { state, dbState: row.state };
}

function compute(state: RunState, event: RunOperation): { next: RunState; outcome: OperationOutcome } {
  const result = applyEvents(state, [event]);
  const changes: OperationOutcome["changes"] = [];
  for (const c of result.commands) {
    if (c.type !== "record_states") continue;
    for (const t of c.tasks) {
      if (t.cause !== "user") continue;
      changes.push({ task_id: t.task_id, from: t.from, state: t.state, try_number: t.try_number, max_tries: result.state.tasks[result.state.graph.tasks[t.task_id].topo_index].max_tries, reason: t.reason });
    }
  }
  return { next: result.state, outcome: { changes, ignored: result.ignored[0]?.reason ?? null, run_state: result.state.state } };
}

/**
 * Applies one user event to a run (or, with dryRun, says what it would change). `action` is the
 * audit action (the permission checked). Throws 409 when the run is queued (not started yet).
 */
export async function operateOnRun(
  access: EnvironmentAccess,
  action: string,
  run: OperatedRun,
  request: RunOperationRequest,
  options: { dryRun?: boolean } = {},
): Promise<OperationOutcome> {
  const event = { ...request, at: new Date().toISOString() } as RunOperation;
  const { state, dbState } = await snapshot(run);
  if (dbState === "queued") throw new AppError("conflict", `The run '${run.runId}' has not started yet; try again once it runs.`);
  if (options.dryRun) return compute(state, event).outcome;
  if (!FINISHED.has(dbState)) {
    const updated = await updateRunningRun(run, event);
    if (updated) {
      await mutate(access, action, { type: "dag_run", id: run.id }, async (_tx, audit) => {
        audit.summary = summaryOf(run, event, updated);
      });
      return updated;
    }
    // The workflow closed between the read and the Update: the run has finished meanwhile.
    const again = await snapshot(run);
    if (!FINISHED.has(again.dbState)) throw new AppError("conflict", `The run '${run.runId}' is changing state; try again in a moment.`);
    return operateOnFinishedRun(access, action, run, again.state, event);
  }
  return operateOnFinishedRun(access, action, run, state, event);
}

async function updateRunningRun(run: OperatedRun, event: RunOperation): Promise<OperationOutcome | null> {
  const handle = (await temporalClient()).workflow.getHandle(dagRunWorkflowId(run));
  try {
    return await handle.executeUpdate<OperateRunOutput, [OperateRunInput]>(OPERATE_RUN_UPDATE, { args: [{ event }] });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError || error instanceof WorkflowUpdateFailedError) return null;
    // "workflow execution already completed"
    if (error instanceof Error && /already completed|not found/i.test(error.message)) return null;
    throw error;
  }
}

async function operateOnFinishedRun(access: EnvironmentAccess, action: string, run: OperatedRun, state: RunState, event: RunOperation): Promise<OperationOutcome> {
  const { next, outcome } = compute(state, event);
  if (outcome.ignored !== null) return outcome;
  const reopened = next.state === "running";
  await mutate(access, action, { type: "dag_run", id: run.id }, async (tx, audit) => {
    // Only one operator re-opens a run: the row must still be finished as we read it.
    const claimed = await tx.dagRun.updateMany({
      where: { id: run.id, state: state.state },
      // workflowStartedAt null: if the start below fails, the reconciler starts it (see startDagRunWorkflow).
      data: reopened ? { state: "queued", endDate: null, workflowStartedAt: null } : { state: next.state, endDate: next.end_date ? new Date(next.end_date) : null },
    });
    if (claimed.count === 0) throw new AppError("conflict", `The run '${run.runId}' changed state meanwhile; reload and try again.`);
    // The user's own changes only: what the engine would schedule right after (a cleared task's
    // next try) is decided again by the new execution, which continues from these rows.
    const last = new Map(outcome.changes.map((c) => [c.task_id, c]));
    for (const [taskId, change] of last) {
      const ti = next.tasks[next.graph.tasks[taskId].topo_index];
      const date = (s: string | null) => (s && change.state !== "none" ? new Date(s) : null);
      await tx.taskInstance.updateMany({
        where: { dagRunId: run.id, taskId },
        data: { state: change.state, tryNumber: change.try_number, maxTries: change.max_tries, startDate: date(ti.start_date), endDate: date(ti.end_date), nextTryAt: null, reason: change.reason },
      });
    }
    audit.summary = summaryOf(run, event, outcome);
  });
  if (reopened) await startDagRunWorkflow(run, { reopen: true });
  return outcome;
}

function summaryOf(run: OperatedRun, event: RunOperation, outcome: OperationOutcome) {
  const { at: _at, ...what } = event;
  return { dag_id: run.dagId, dag_run_id: run.runId, event: what, changed: outcome.changes.map((c) => `${c.task_id}: ${c.from} → ${c.state}`) };
}
