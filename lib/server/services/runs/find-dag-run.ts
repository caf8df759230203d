// Runs are looked up inside the caller's environment only: a run of another tenant, of
// another environment or that does not exist answers the same 404 (STYLE.md habit 2).
import { db } from "../../db";
import { AppError } from "../../errors";

const MAX_KEY = 250;

export async function findDagRun(environmentId: string, dagId: string, runId: string) {
  const run =
    dagId.length <= MAX_KEY && runId.length <= MAX_KEY
      ? await db().dagRun.findUnique({ where: { environmentId_dagId_runId: { environmentId, dagId, runId } }, select: { id: true, dagId: true, runId: true } })
      : null;
  if (!run) throw new AppError("not_found", `The run '${runId}' of DAG '${dagId}' does not exist in this environment.`);
  return run;
}

export async function assertDagExists(environmentId: string, dagId: string): Promise<void> {
  const dag = dagId.length <= MAX_KEY ? await db().dag.findUnique({ where: { environmentId_dagId: { environmentId, dagId } }, select: { id: true } }) : null;
  if (!dag) throw new AppError("not_found", `The DAG '${dagId}' does not exist in this environment.`);
}
