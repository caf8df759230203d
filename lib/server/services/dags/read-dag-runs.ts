// Runs as the DAG pages show them: a DAG's recent runs, one run with its task instances
// and tries, and one try's log (already masked when it was written). Everything is looked
// up inside the environment the gate resolved.
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { dagRunViewSelect, type DagRunRow } from "../runs/dag-run-view";

export interface RunRow {
  runId: string;
  runType: string;
  state: string;
  logicalDate: string | null;
  dataIntervalStart: string | null;
  dataIntervalEnd: string | null;
  runAfter: string;
  queuedAt: string;
  startDate: string | null;
  endDate: string | null;
  triggeredBy: string | null;
  versionNumber: number;
  version: string;
  conf: Record<string, unknown>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
// The same columns as the REST view (one read model); pages also show the version's number.
const runSelect = { ...dagRunViewSelect, id: true } as const;
type RunRecord = DagRunRow;

function toRunRow(r: RunRecord): RunRow {
  return {
    runId: r.runId,
    runType: r.runType,
    state: r.state,
    logicalDate: iso(r.logicalDate),
    dataIntervalStart: iso(r.dataIntervalStart),
    dataIntervalEnd: iso(r.dataIntervalEnd),
    runAfter: r.runAfter.toISOString(),
    queuedAt: r.queuedAt.toISOString(),
    startDate: iso(r.startDate),
    endDate: iso(r.endDate),
    triggeredBy: r.triggeredBy,
    versionNumber: r.dagVersion.versionNumber ?? 0,
    version: r.dagVersion.specHash,
    conf: (r.conf && typeof r.conf === "object" && !Array.isArray(r.conf) ? r.conf : {}) as Record<string, unknown>,
  };
}

export async function listRecentDagRuns(access: EnvironmentAccess, dagId: string, page: { limit: number; offset: number }) {
  const where = { environmentId: access.environment.id, organizationId: access.organization.id, dagId };
  const [total, rows] = await Promise.all([
    db().dagRun.count({ where }),
    db().dagRun.findMany({ where, orderBy: [{ runAfter: "desc" }, { queuedAt: "desc" }], skip: page.offset, take: page.limit, select: runSelect }),
  ]);
  return { runs: rows.map(toRunRow), total };
}

export interface TryRow {
  tryNumber: number;
  state: string;
  activityKind: string;
  /** When the try was handed to a worker queue (null for tries recorded without it). */
  queuedAt: string | null;
  startDate: string;
  endDate: string | null;
  error: string | null;
  logBytes: number;
}

export interface TaskRow {
  taskId: string;
  operator: string;
  state: string;
  tryNumber: number;
  maxTries: number;
  startDate: string | null;
  endDate: string | null;
  reason: string | null;
  tries: TryRow[];
}

export async function getDagRunDetail(access: EnvironmentAccess, dagId: string, runId: string): Promise<{ run: RunRow; tasks: TaskRow[] }> {
  const run = await db().dagRun.findFirst({
    where: { environmentId: access.environment.id, organizationId: access.organization.id, dagId, runId },
    select: { ...runSelect, taskInstances: true, taskTries: { orderBy: [{ taskId: "asc" }, { tryNumber: "asc" }] } },
  });
  if (!run) throw new AppError("not_found", `DAG '${dagId}' has no run '${runId}' in this environment.`);
  const triesOf = new Map<string, TryRow[]>();
  for (const t of run.taskTries) {
    const list = triesOf.get(t.taskId) ?? [];
    list.push({ tryNumber: t.tryNumber, state: t.state, activityKind: t.activityKind, queuedAt: iso(t.queuedAt), startDate: t.startDate.toISOString(), endDate: iso(t.endDate), error: t.error, logBytes: t.logBytes });
    triesOf.set(t.taskId, list);
  }
  // Task instances in the order the DAG file lists them (the row order of insertion).
  const order = new Map<string, number>();
  try {
    const version = await db().dagVersion.findFirst({ where: { environmentId: access.environment.id, dagId, specHash: run.dagVersion.specHash }, select: { spec: true } });
    ((version?.spec as { tasks?: { task_id: string }[] } | undefined)?.tasks ?? []).forEach((t, i) => order.set(t.task_id, i));
  } catch {
    /* ordering is cosmetic */
  }
  const tasks = run.taskInstances
    .map((t) => ({
      taskId: t.taskId,
      operator: t.operator,
      state: t.state,
      tryNumber: t.tryNumber,
      maxTries: t.maxTries,
      startDate: iso(t.startDate),
      endDate: iso(t.endDate),
      reason: t.reason,
      tries: triesOf.get(t.taskId) ?? [],
    }))
    .sort((a, b) => (order.get(a.taskId) ?? 1e9) - (order.get(b.taskId) ?? 1e9) || a.taskId.localeCompare(b.taskId));
  return { run: toRunRow(run), tasks };
}

/** One try's log, in order; `truncated` when the cap cut it. */
export async function readTryLog(access: EnvironmentAccess, dagId: string, runId: string, taskId: string, tryNumber: number) {
  const run = await db().dagRun.findFirst({ where: { environmentId: access.environment.id, organizationId: access.organization.id, dagId, runId }, select: { id: true } });
  if (!run) throw new AppError("not_found", `DAG '${dagId}' has no run '${runId}' in this environment.`);
  const tryRow = await db().taskTry.findUnique({
    where: { dagRunId_taskId_tryNumber: { dagRunId: run.id, taskId, tryNumber } },
    select: { id: true, state: true, logTruncated: true, logChunks: { orderBy: { seq: "asc" }, select: { text: true } } },
  });
  if (!tryRow) return null;
  return { state: tryRow.state, truncated: tryRow.logTruncated, text: tryRow.logChunks.map((c) => c.text).join("") };
}
