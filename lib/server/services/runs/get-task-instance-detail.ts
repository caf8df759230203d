// One task instance of one run as the task page shows it: its state and try budget, every
// try (times, error, rendered template fields as stored masked at the try's end) and, when
// it did not run, the run engine's explanation computed from the recorded states.
import type { DagSpec } from "../../../domain/dag/spec";
import { createRun, explainTask, type TaskState } from "../../../domain/run";
import { runDagOf } from "../../../domain/run/run-dag-of";
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { findDagRun } from "./find-dag-run";

export interface TaskTryDetail {
  tryNumber: number;
  state: string;
  activityKind: string;
  worker: string | null;
  queuedAt: string | null;
  startDate: string;
  endDate: string | null;
  error: string | null;
  logBytes: number;
  logTruncated: boolean;
  /** The try's rendered template fields (masked); null when none were kept (older tries, or a task without templated fields). */
  renderedFields: Record<string, unknown> | null;
}

export interface TaskInstanceDetail {
  run: { runId: string; state: string; logicalDate: string | null };
  task: {
    taskId: string;
    operator: string;
    triggerRule: string | null;
    upstream: string[];
    state: string;
    tryNumber: number;
    maxTries: number;
    startDate: string | null;
    endDate: string | null;
    nextTryAt: string | null;
    reason: string | null;
  };
  tries: TaskTryDetail[];
  /** "Why is it in this state / why didn't it run?", from the run engine; null when it ran normally. */
  explanation: string | null;
}

/** States where a user asks "why didn't this run?" (the engine decided without a try, or it waits). */
const NOT_RUN = new Set(["none", "scheduled", "queued", "upstream_failed", "skipped", "removed", "up_for_retry", "up_for_reschedule"]);
const FINISHED_RUN = new Set(["success", "failed"]);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function getTaskInstanceDetail(access: EnvironmentAccess, dagId: string, runId: string, taskId: string): Promise<TaskInstanceDetail> {
  const found = await findDagRun(access.environment.id, dagId, runId);
  const run = await db().dagRun.findFirst({
    where: { id: found.id, organizationId: access.organization.id },
    include: { dagVersion: { select: { spec: true } }, taskInstances: true },
  });
  const ti = run?.taskInstances.find((t) => t.taskId === taskId);
  if (!run || !ti) throw new AppError("not_found", `Run '${runId}' of DAG '${dagId}' has no task '${taskId}'.`);
  const tryRows = await db().taskTry.findMany({ where: { dagRunId: run.id, taskId }, orderBy: { tryNumber: "asc" } });
  const spec = run.dagVersion.spec as unknown as DagSpec;
  const taskSpec = spec.tasks.find((t) => t.task_id === taskId);

  return {
    run: { runId: run.runId, state: run.state, logicalDate: iso(run.logicalDate) },
    task: {
      taskId,
      operator: ti.operator,
      triggerRule: taskSpec?.trigger_rule ?? null,
      upstream: taskSpec?.upstream ?? [],
      state: ti.state,
      tryNumber: ti.tryNumber,
      maxTries: ti.maxTries,
      startDate: iso(ti.startDate),
      endDate: iso(ti.endDate),
      nextTryAt: iso(ti.nextTryAt),
      reason: ti.reason,
    },
    tries: tryRows.map((t) => ({
      tryNumber: t.tryNumber,
      state: t.state,
      activityKind: t.activityKind,
      worker: t.worker,
      queuedAt: iso(t.queuedAt),
      startDate: t.startDate.toISOString(),
      endDate: iso(t.endDate),
      error: t.error,
      logBytes: t.logBytes,
      logTruncated: t.logTruncated,
      renderedFields: fieldsOf(t.renderedFields),
    })),
    explanation: NOT_RUN.has(ti.state) ? explain(spec, run, taskId) : null,
  };
}

/** task_try.rendered_fields holds { skip?, fields? } (worker/activities/dag-run.ts). */
function fieldsOf(stored: unknown): Record<string, unknown> | null {
  const fields = (stored as { fields?: unknown } | null)?.fields;
  return fields && typeof fields === "object" && !Array.isArray(fields) ? (fields as Record<string, unknown>) : null;
}

type RunWithTasks = {
  runId: string;
  state: string;
  logicalDate: Date | null;
  startDate: Date | null;
  endDate: Date | null;
  taskInstances: { taskId: string; state: string; tryNumber: number; maxTries: number; startDate: Date | null; endDate: Date | null; reason: string | null; nextTryAt: Date | null }[];
};

/** The engine's explanation over the run's recorded states (as operate-dag-run.ts restores them). */
function explain(spec: DagSpec, run: RunWithTasks, taskId: string): string | null {
  try {
    const dag = runDagOf(spec);
    const known = new Set(dag.tasks.map((t) => t.task_id));
    const tasks: Record<string, { state: TaskState; try_number: number; max_tries: number; start_date: string | null; end_date: string | null; reason: string | null; next_try_at: string | null }> = {};
    for (const t of run.taskInstances) {
      if (!known.has(t.taskId)) continue;
      tasks[t.taskId] = { state: t.state as TaskState, try_number: t.tryNumber, max_tries: t.maxTries, start_date: iso(t.startDate), end_date: iso(t.endDate), reason: t.reason, next_try_at: iso(t.nextTryAt) };
    }
    const runState = FINISHED_RUN.has(run.state) ? (run.state as "success" | "failed") : run.state === "queued" ? "queued" : "running";
    const state = createRun({ dag, run_id: run.runId, logical_date: iso(run.logicalDate), restore: { state: runState, start_date: iso(run.startDate), end_date: iso(run.endDate), tasks } });
    return explainTask(state, taskId);
  } catch {
    // A run whose recorded states the engine cannot take (e.g. a task removed from the
    // version): fall back to the reason the engine recorded.
    return run.taskInstances.find((t) => t.taskId === taskId)?.reason ?? null;
  }
}
