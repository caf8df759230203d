// The scheduler (ARCHITECTURE.md: ours, not Temporal Schedules): picks unpaused DAGs whose
// next run is due with FOR UPDATE SKIP LOCKED, so any number of workers may run it at once;
// creates the scheduled run with the data interval the timetable gave (Airflow-exact, see
// lib/domain/timetable), honours max_active_runs, advances the cursor, then starts the
// workflows. docs/decisions/0012-scheduler-loop.md.
import type { DagSpec } from "../../../domain/dag/spec";
import { generateRunId } from "../../../domain/timetable/run-id";
import { writeAuditEvent } from "../../audit/write-audit-event";
import { db } from "../../db";
import { cursorFields } from "../dags/deploy-dag";
import { insertDagRun } from "./insert-dag-run";
import type { StartableRun } from "./start-dag-run-workflow";
import { startRunnableRuns } from "./start-runnable-runs";

export interface ScheduleOptions {
  now?: Date;
  /** DAGs per pass. */
  limit?: number;
  taskQueue?: string;
}

interface DueDag {
  id: string;
  organization_id: string;
  environment_id: string;
  dag_id: string;
  current_version_id: string;
  next_dagrun_create_after: Date;
  next_dagrun_data_interval_start: Date;
  next_dagrun_data_interval_end: Date;
}

/** One pass: creates at most one run per due DAG; returns the runs created. */
export async function scheduleDueRuns(options: ScheduleOptions = {}): Promise<StartableRun[]> {
  const now = options.now ?? new Date();
  const created = await db().$transaction(
    async (tx) => {
      const due = await tx.$queryRaw<DueDag[]>`
        SELECT id, organization_id, environment_id, dag_id, current_version_id, next_dagrun_create_after,
               next_dagrun_data_interval_start, next_dagrun_data_interval_end
        FROM dag
        WHERE is_paused = false AND current_version_id IS NOT NULL AND next_dagrun_create_after IS NOT NULL
          AND next_dagrun_create_after <= ${now} AND next_dagrun_data_interval_start IS NOT NULL AND next_dagrun_data_interval_end IS NOT NULL
        ORDER BY next_dagrun_create_after
        LIMIT ${options.limit ?? 20}
        FOR UPDATE SKIP LOCKED`;
      const runs: StartableRun[] = [];
      for (const dag of due) {
        const version = await tx.dagVersion.findUnique({ where: { id: dag.current_version_id }, select: { id: true, spec: true } });
        if (!version) continue;
        const spec = version.spec as unknown as DagSpec;
        // Airflow: no new run while max_active_runs runs are queued or running; the cursor stays.
        const active = await tx.dagRun.count({ where: { environmentId: dag.environment_id, dagId: dag.dag_id, state: { in: ["queued", "running"] } } });
        if (active >= (spec.max_active_runs ?? 16)) continue;
        const interval = { start: dag.next_dagrun_data_interval_start.getTime(), end: dag.next_dagrun_data_interval_end.getTime() };
        const runId = generateRunId("scheduled", interval.start);
        const exists = await tx.dagRun.findUnique({
          where: { environmentId_dagId_runId: { environmentId: dag.environment_id, dagId: dag.dag_id, runId } },
          select: { id: true },
        });
        if (!exists) {
          const row = await insertDagRun(tx, {
            organizationId: dag.organization_id,
            environmentId: dag.environment_id,
            dagId: dag.dag_id,
            dagVersionId: version.id,
            spec,
            runId,
            runType: "scheduled",
            logicalDate: new Date(interval.start),
            dataIntervalStart: new Date(interval.start),
            dataIntervalEnd: new Date(interval.end),
            runAfter: dag.next_dagrun_create_after,
            conf: {},
            triggeredBy: "scheduler",
          });
          await writeAuditEvent(tx, {
            action: "dag_run.create",
            outcome: "success",
            principal: { type: "system", name: "scheduler" },
            organizationId: dag.organization_id,
            environmentId: dag.environment_id,
            target: { type: "dag_run", id: row.id },
            summary: { dag_id: dag.dag_id, dag_run_id: runId, run_type: "scheduled" },
          });
          runs.push(row);
        }
        await tx.dag.update({ where: { id: dag.id }, data: cursorFields(spec, interval, now) });
      }
      return runs;
    },
    { timeout: 30_000 },
  );
  for (const run of created) {
    // If this fails the reconciler starts it a few seconds later.
    await startRunnableRuns(run.environmentId, run.dagId, { taskQueue: options.taskQueue }).catch((error: unknown) =>
      console.error(`scheduler: run ${run.id} not started yet:`, error),
    );
  }
  return created;
}
