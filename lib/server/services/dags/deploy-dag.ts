// Deploys one DAG file to an environment. The version id is the hash of the canonical spec
// (lib/domain/dag/canonical): an identical spec changes nothing and answers the same
// version; a new spec becomes a new DagVersion (the raw file kept with it for display and
// diffs). History is keyed by (environment, dag_id), so a schedule change, or a delete
// without purge followed by a new deploy, keeps every earlier version and run.
import type { DataInterval } from "../../../domain/timetable/timetables";
import { nextDagrunFields, scheduleExpression } from "../../../domain/dag/schedule-summary";
import type { DagSpec } from "../../../domain/dag/spec";
import type { Access, Tx } from "../../authz";
import { mutate } from "../../authz";
import { db } from "../../db";
import { missingPoolWarnings } from "../pools/missing-pool-warnings";
import { getEnvironmentSettings } from "../environments/get-environment-settings";
import { checkDagFile, invalidDagFileError, type DagFileFormat, type DagFileProblem } from "./check-dag-file";

export interface DeployDagInput {
  body: string;
  format: DagFileFormat;
  /** Shown in problems; defaults to dag.yaml / dag.json. */
  fileName?: string;
  /** Check and answer what would happen, writing nothing (CI's "would this deploy?"). */
  dryRun?: boolean;
  /** The clock, for tests. */
  now?: Date;
}

export interface DeployDagResult {
  dag_id: string;
  version: string;
  version_number: number;
  /** "created": a new DAG or a new version (HTTP 201); "unchanged": the same spec was
   *  already current; "restored": an earlier version became current again (both 200). */
  outcome: "created" | "unchanged" | "restored";
  is_paused: boolean;
  warnings: DagFileProblem[];
  /** Present on dry runs: nothing was written. */
  dry_run?: true;
}

export async function deployDag(access: Access<"dag.deploy">, input: DeployDagInput): Promise<DeployDagResult> {
  const settings = await getEnvironmentSettings(access);
  const checked = checkDagFile(input.body, input.format, settings.airflow_defaults, input.fileName);
  if (!checked.ok) throw invalidDagFileError(checked.errors);
  const warnings = [...checked.warnings, ...(await missingPoolWarnings(access.environment, checked.spec))];
  return saveDagVersion(access, { spec: checked.spec, version: checked.version, warnings, rawFile: input.body, format: input.format, dryRun: input.dryRun, now: input.now });
}

export interface SaveDagVersionInput {
  spec: DagSpec;
  /** specHash(spec): computed by the caller, never trusted from a request. */
  version: string;
  warnings: DagFileProblem[];
  rawFile: string;
  format: DagFileFormat;
  dryRun?: boolean;
  now?: Date;
  /** Added to the audit summary (a promotion names its source). */
  auditExtra?: Record<string, unknown>;
}

/**
 * Makes `spec` the DAG's current version in the gate's environment: reuses the version row
 * with the same hash or adds the next number, creates the Dag row (paused per
 * is_paused_upon_creation) or updates it (keeping its pause state), and recomputes the
 * scheduler's cursor. Deploy and promote both end here.
 */
export async function saveDagVersion(access: Access<"dag.deploy">, input: SaveDagVersionInput): Promise<DeployDagResult> {
  const { spec, version, warnings } = input;
  const environmentId = access.environment.id;
  const organizationId = access.organization.id;

  // The common CI case (deploy on every commit) writes nothing, not even an audit event.
  const current = await db().dag.findUnique({ where: { environmentId_dagId: { environmentId, dagId: spec.dag_id } }, select: { isPaused: true, currentVersionId: true } });
  if (current?.currentVersionId) {
    const v = await db().dagVersion.findFirst({ where: { id: current.currentVersionId, environmentId }, select: { specHash: true, versionNumber: true } });
    if (v?.specHash === version) return { dag_id: spec.dag_id, version, version_number: v.versionNumber, outcome: "unchanged", is_paused: current.isPaused, warnings };
  }

  if (input.dryRun) {
    const existing = await db().dagVersion.findFirst({ where: { environmentId, dagId: spec.dag_id, specHash: version }, select: { versionNumber: true } });
    const last = existing ? null : await db().dagVersion.aggregate({ where: { environmentId, dagId: spec.dag_id }, _max: { versionNumber: true } });
    return {
      dag_id: spec.dag_id,
      version,
      version_number: existing?.versionNumber ?? (last?._max.versionNumber ?? 0) + 1,
      outcome: existing && current ? "restored" : "created",
      is_paused: current ? current.isPaused : spec.is_paused_upon_creation,
      warnings,
      dry_run: true,
    };
  }

  const now = input.now ?? new Date();
  return mutate(access, "dag.deploy", { type: "dag" }, async (tx, audit) => {
    // One deploy of a dag_id at a time per environment: version numbers stay dense.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`dag:${environmentId}:${spec.dag_id}`}, 0))`;
    const dag = await tx.dag.findUnique({ where: { environmentId_dagId: { environmentId, dagId: spec.dag_id } } });
    const previous = dag?.currentVersionId ? await tx.dagVersion.findUnique({ where: { id: dag.currentVersionId }, select: { specHash: true, versionNumber: true } }) : null;

    let versionRow = await tx.dagVersion.findUnique({
      where: { environmentId_dagId_specHash: { environmentId, dagId: spec.dag_id, specHash: version } },
      select: { id: true, versionNumber: true },
    });
    const newVersion = versionRow === null;
    if (!versionRow) {
      const last = await tx.dagVersion.aggregate({ where: { environmentId, dagId: spec.dag_id }, _max: { versionNumber: true } });
      versionRow = await tx.dagVersion.create({
        data: {
          organizationId,
          environmentId,
          dagId: spec.dag_id,
          versionNumber: (last._max.versionNumber ?? 0) + 1,
          specHash: version,
          spec: spec as object,
          rawFile: input.rawFile,
          fileFormat: input.format,
          createdById: access.principal.kind === "user" ? access.principal.userId : null,
        },
        select: { id: true, versionNumber: true },
      });
    }

    const fields = { ...dagFieldsOf(spec), ...cursorFields(spec, await lastAutomatedInterval(tx, environmentId, spec.dag_id), now), currentVersionId: versionRow.id };
    const saved = dag
      ? await tx.dag.update({ where: { id: dag.id }, data: fields, select: { id: true, isPaused: true } })
      : await tx.dag.create({
          data: { organizationId, environmentId, dagId: spec.dag_id, isPaused: spec.is_paused_upon_creation, ...fields },
          select: { id: true, isPaused: true },
        });

    const outcome = newVersion || !dag ? "created" : previous?.specHash === version ? "unchanged" : "restored";
    audit.targetId = saved.id;
    audit.summary = {
      ...input.auditExtra,
      dag_id: spec.dag_id,
      version,
      version_number: versionRow.versionNumber,
      previous_version: previous?.specHash ?? null,
      new_dag: !dag,
      outcome,
    };
    return { dag_id: spec.dag_id, version, version_number: versionRow.versionNumber, outcome, is_paused: saved.isPaused, warnings };
  });
}

/** What the DAG list shows without reading the spec. */
export function dagFieldsOf(spec: DagSpec) {
  return { description: spec.description, tags: spec.tags, scheduleSummary: scheduleExpression(spec) };
}

/** The scheduler's cursor (Airflow's next_dagrun, next_dagrun_data_interval_*, next_dagrun_create_after). */
export function cursorFields(spec: DagSpec, lastAutomated: DataInterval | null, now: Date) {
  const next = nextDagrunFields(spec, lastAutomated, now.getTime());
  return {
    nextDagrunCreateAfter: next?.createAfter ?? null,
    nextDagrunLogicalDate: next?.logicalDate ?? null,
    nextDagrunDataIntervalStart: next?.dataIntervalStart ?? null,
    nextDagrunDataIntervalEnd: next?.dataIntervalEnd ?? null,
  };
}

/** The data interval of the latest scheduled or backfill run (Airflow's last automated run). */
export async function lastAutomatedInterval(tx: Tx, environmentId: string, dagId: string): Promise<DataInterval | null> {
  const run = await tx.dagRun.findFirst({
    where: { environmentId, dagId, runType: { in: ["scheduled", "backfill"] }, dataIntervalStart: { not: null }, dataIntervalEnd: { not: null } },
    orderBy: { logicalDate: "desc" },
    select: { dataIntervalStart: true, dataIntervalEnd: true },
  });
  return run ? { start: run.dataIntervalStart!.getTime(), end: run.dataIntervalEnd!.getTime() } : null;
}
