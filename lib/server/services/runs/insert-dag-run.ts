// Inserts a DagRun and one TaskInstance per task of its pinned DagVersion, inside the
// caller's transaction (trigger, scheduler). The workflow is started after the commit; a
// crash in between leaves a queued run without workflowStartedAt, which the worker's
// reconciler starts (ARCHITECTURE.md, Planes).
import type { Prisma } from "../../../../generated/prisma/client";
import type { DagSpec } from "../../../domain/dag/spec";

export interface NewDagRun {
  organizationId: string;
  environmentId: string;
  dagId: string;
  dagVersionId: string;
  spec: Pick<DagSpec, "tasks">;
  runId: string;
  runType: "manual" | "scheduled" | "backfill" | "webhook";
  logicalDate: Date | null;
  dataIntervalStart: Date | null;
  dataIntervalEnd: Date | null;
  runAfter: Date;
  conf: Record<string, unknown>;
  triggeredBy: string | null;
}

export async function insertDagRun(tx: Prisma.TransactionClient, run: NewDagRun) {
  const row = await tx.dagRun.create({
    data: {
      organizationId: run.organizationId,
      environmentId: run.environmentId,
      dagId: run.dagId,
      dagVersionId: run.dagVersionId,
      runId: run.runId,
      runType: run.runType,
      state: "queued",
      logicalDate: run.logicalDate,
      dataIntervalStart: run.dataIntervalStart,
      dataIntervalEnd: run.dataIntervalEnd,
      runAfter: run.runAfter,
      conf: run.conf as Prisma.InputJsonValue,
      triggeredBy: run.triggeredBy,
    },
    select: { id: true, environmentId: true, dagId: true, runId: true },
  });
  await tx.taskInstance.createMany({
    data: run.spec.tasks.map((t) => ({ dagRunId: row.id, taskId: t.task_id, operator: t.operator, state: "none", maxTries: t.retries })),
  });
  return row;
}
