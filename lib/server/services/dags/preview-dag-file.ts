// The editor's live validation: what deploying this text would do, without deploying it:
// every problem with its line and column, the version id it would get, whether that is new,
// the schedule in words and the next runs. Readers may use it (it changes nothing).
import { previewNextRuns, scheduleExpression, scheduleInWords, type RunPreview } from "../../../domain/dag/schedule-summary";
import { describeTimetable } from "../../../domain/timetable/describe";
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { missingPoolWarnings } from "../pools/missing-pool-warnings";
import { getEnvironmentSettings } from "../environments/get-environment-settings";
import { checkDagFile, type DagFileProblem } from "./check-dag-file";
import { lastAutomatedInterval } from "./deploy-dag";

export interface DagFilePreview {
  ok: boolean;
  errors: DagFileProblem[];
  warnings: DagFileProblem[];
  dagId: string | null;
  version: string | null;
  /** "new_dag" | "new_version" | "current" (identical to what is deployed) | "earlier_version". */
  status: "new_dag" | "new_version" | "current" | "earlier_version" | null;
  taskCount: number;
  schedule: string | null;
  scheduleWords: string | null;
  scheduleDescription: string | null;
  timezone: string | null;
  nextRuns: RunPreview[];
  /** The clock the preview used (epoch ms): a next run at or before it is due now. */
  checkedAt: number;
  defaults: "airflow3" | "airflow2";
}

export async function previewDagFile(access: EnvironmentAccess, text: string, now = new Date()): Promise<DagFilePreview> {
  const settings = await getEnvironmentSettings(access);
  const empty: DagFilePreview = {
    ok: false,
    errors: [],
    warnings: [],
    dagId: null,
    version: null,
    status: null,
    taskCount: 0,
    schedule: null,
    scheduleWords: null,
    scheduleDescription: null,
    timezone: null,
    nextRuns: [],
    checkedAt: now.getTime(),
    defaults: settings.airflow_defaults,
  };
  let checked;
  try {
    checked = checkDagFile(text, "yaml", settings.airflow_defaults);
  } catch (error) {
    if (error instanceof AppError && error.code === "bad_request") {
      return { ...empty, errors: [{ severity: "error", line: 1, column: 1, field: "", message: error.message }] };
    }
    throw error;
  }
  if (!checked.ok) return { ...empty, errors: checked.errors, warnings: checked.warnings };
  const { spec, version } = checked;
  const environmentId = access.environment.id;
  const [dag, existing, poolWarnings] = await Promise.all([
    db().dag.findFirst({ where: { environmentId, dagId: spec.dag_id }, select: { currentVersionId: true } }),
    db().dagVersion.findFirst({ where: { environmentId, dagId: spec.dag_id, specHash: version }, select: { id: true } }),
    missingPoolWarnings(access.environment, spec),
  ]);
  const status = !dag ? "new_dag" : existing && dag.currentVersionId === existing.id ? "current" : existing ? "earlier_version" : "new_version";
  const last = await lastAutomatedInterval(db(), environmentId, spec.dag_id);
  return {
    ...empty,
    ok: true,
    warnings: [...checked.warnings, ...poolWarnings],
    dagId: spec.dag_id,
    version,
    status,
    taskCount: spec.tasks.length,
    schedule: scheduleExpression(spec),
    scheduleWords: scheduleInWords(spec.timetable),
    scheduleDescription: describeTimetable(spec.timetable),
    timezone: spec.timezone,
    nextRuns: previewNextRuns(spec, last, now.getTime(), 5),
  };
}
