// `GET …/taskInstances/{task_id}/xcomEntries/{key}`: one XCom value of a task in a run.
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { findDagRun } from "./find-dag-run";

export interface XComEntryView {
  key: string;
  value: unknown;
  task_id: string;
  dag_id: string;
  dag_run_id: string;
  timestamp: string;
}

export async function getXComEntry(access: EnvironmentAccess, dagId: string, runId: string, taskId: string, key: string): Promise<XComEntryView> {
  const run = await findDagRun(access.environment.id, dagId, runId);
  const row = taskId.length <= 250 && key.length <= 512 ? await db().xCom.findUnique({ where: { dagRunId_taskId_key: { dagRunId: run.id, taskId, key } } }) : null;
  if (!row) throw new AppError("not_found", `Task '${taskId}' of run '${runId}' has no XCom '${key}'.`);
  return { key: row.key, value: row.value, task_id: row.taskId, dag_id: run.dagId, dag_run_id: run.runId, timestamp: row.createdAt.toISOString() };
}
