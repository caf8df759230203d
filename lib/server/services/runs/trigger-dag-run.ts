// A manual DagRun (REST `POST …/dags/{dag_id}/dagRuns`, the UI's trigger form): checks the
// conf against the DAG's params, inserts the run pinned to the DAG's current version with its
// task instances and audit event, then starts its workflow. A run of a paused DAG stays
// queued until the DAG is unpaused (startQueuedRuns), and a run beyond the DAG's
// max_active_runs until an active one ends, as in Airflow.
import { checkValueAgainstSchema } from "../../../domain/dag/params";
import type { DagSpec, ParamSpec } from "../../../domain/dag/spec";
import { generateRunId } from "../../../domain/timetable/run-id";
import { inferManualDataInterval } from "../../../domain/timetable/timetables";
import { mutate, type Access, type AuditNote, type Tx } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { dagRunViewSelect, toDagRunView, type DagRunView } from "./dag-run-view";
import { insertDagRun } from "./insert-dag-run";
import { startRunnableRuns } from "./start-runnable-runs";

export { startQueuedRuns } from "./start-queued-runs";

export interface TriggerDagRunInput {
  dag_id: string;
  dag_run_id?: string | null;
  /** ISO-8601 with a zone; default: now. */
  logical_date?: string | null;
  conf?: unknown;
  /** Where the trigger came from, as Airflow's triggered_by: "rest_api" (default), "ui", "cli", "webhook". */
  triggered_by?: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

// Run ids end up in URLs and the workflow id: a conservative alphabet (Airflow's default ids fit).
const RUN_ID = /^[A-Za-z0-9_.:+~-]{1,250}$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Who starts a manual run and how its insert is recorded: `record` runs the change in one
 * transaction with its audit event (the gate's `mutate`, or a webhook delivery's own).
 */
export interface ManualRunTrigger {
  environment: { id: string; organizationId: string };
  record: <T>(change: (tx: Tx, audit: AuditNote) => Promise<T>) => Promise<T>;
}

export async function triggerDagRun(access: Access<"dag.trigger">, input: TriggerDagRunInput): Promise<DagRunView> {
  return startManualRun({ environment: access.environment, record: (change) => mutate(access, "dag.trigger", { type: "dag_run" }, change) }, input);
}

/** triggerDagRun without the gate: for callers authenticated otherwise (a signed webhook). */
export async function startManualRun(trigger: ManualRunTrigger, input: TriggerDagRunInput): Promise<DagRunView> {
  const environment = trigger.environment;
  const dag = await db().dag.findUnique({ where: { environmentId_dagId: { environmentId: environment.id, dagId: input.dag_id } } });
  if (!dag || !dag.currentVersionId) throw new AppError("not_found", `The DAG '${input.dag_id}' does not exist in this environment.`);
  const version = await db().dagVersion.findFirst({ where: { id: dag.currentVersionId, environmentId: environment.id } });
  if (!version) throw new AppError("not_found", `The DAG '${input.dag_id}' does not exist in this environment.`);
  const spec = version.spec as unknown as DagSpec;

  const problems: FieldProblem[] = [];
  const now = new Date();
  let logicalMs = now.getTime();
  if (input.logical_date !== undefined && input.logical_date !== null) {
    const parsed = typeof input.logical_date === "string" && ISO_WITH_ZONE.test(input.logical_date) ? Date.parse(input.logical_date) : NaN;
    if (Number.isNaN(parsed)) problems.push({ field: "logical_date", message: "must be an ISO-8601 date-time with a zone, e.g. 2026-01-01T00:00:00Z" });
    else logicalMs = parsed;
  }
  const runId = input.dag_run_id ?? generateRunId("manual", logicalMs);
  if (typeof runId !== "string" || !RUN_ID.test(runId)) {
    problems.push({ field: "dag_run_id", message: "must be 1-250 characters of letters, digits and _ . : + ~ -" });
  }
  let conf: Record<string, unknown> = {};
  if (input.conf !== undefined && input.conf !== null) {
    if (typeof input.conf !== "object" || Array.isArray(input.conf)) problems.push({ field: "conf", message: "must be a JSON object" });
    else conf = input.conf as Record<string, unknown>;
  }
  problems.push(...confProblems(spec.params ?? {}, conf));
  if (problems.length) throw new AppError("unprocessable", `The run cannot start: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}.`, problems);

  const interval = inferManualDataInterval(spec.timetable, logicalMs);
  let created;
  try {
    created = await trigger.record(async (tx, audit) => {
      const row = await insertDagRun(tx, {
        organizationId: environment.organizationId,
        environmentId: environment.id,
        dagId: dag.dagId,
        dagVersionId: version.id,
        spec,
        runId,
        runType: "manual",
        logicalDate: new Date(logicalMs),
        dataIntervalStart: new Date(interval.start),
        dataIntervalEnd: new Date(interval.end),
        runAfter: now,
        conf,
        triggeredBy: input.triggered_by ?? "rest_api",
      });
      audit.targetId = row.id;
      audit.summary = { ...audit.summary, dag_id: dag.dagId, dag_run_id: runId, version: version.specHash, paused: dag.isPaused };
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A run '${runId}' of DAG '${dag.dagId}' already exists.`, [{ field: "dag_run_id", message: "is already used by another run of this DAG" }]);
    throw error;
  }
  if (!dag.isPaused) {
    // Starts it unless max_active_runs runs are active (then it waits, queued, for one to end).
    // If Temporal is unreachable the run stays queued and the worker's reconciler starts it.
    await startRunnableRuns(environment.id, dag.dagId).catch((error: unknown) => console.error(`dag run ${created.id}: workflow not started yet:`, error));
  }
  const row = await db().dagRun.findUniqueOrThrow({ where: { id: created.id }, select: dagRunViewSelect });
  return toDagRunView(row);
}

/** Airflow's process_params: every final param value (conf over default) must fit its schema; each problem names `conf.<param>`. */
export function confProblems(params: Record<string, ParamSpec>, conf: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const [name, spec] of Object.entries(params)) {
    const given = Object.prototype.hasOwnProperty.call(conf, name);
    const value = given ? conf[name] : spec?.default;
    if (value === undefined) {
      out.push({ field: `conf.${name}`, message: "is required: the param has no default" });
      continue;
    }
    const { default: _d, description: _desc, title: _t, ...schema } = spec ?? {};
    for (const issue of checkValueAgainstSchema(value, schema as Record<string, unknown>)) {
      out.push({ field: `conf.${name}`, message: given ? issue : `${issue} (the param's default)` });
    }
  }
  return out;
}
