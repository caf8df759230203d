// Pool usage straight into PostgreSQL: a DagRun whose tries run in a pool (each holding its
// pool_slots) and tries waiting for a slot, as the run engine records them.
import { randomUUID } from "node:crypto";
import { db } from "../../lib/server/db";
import { insertManualRun, storeDag } from "./run-dags";

/**
 * One DAG with a run in `environment`: a running try per entry of `runningSlots` (its
 * pool_slots), and `waiting` tries in slot_waiter, all in `pool`. Returns the run's id.
 */
export async function usePool(
  environment: { id: string; organizationId: string },
  pool: string,
  usage: { runningSlots?: number[]; waiting?: number; finishedSlots?: number[] },
): Promise<string> {
  const running = usage.runningSlots ?? [];
  const finished = usage.finishedSlots ?? [];
  const waiting = usage.waiting ?? 0;
  const dagId = `pool_user_${randomUUID().slice(0, 8)}`;
  const taskIds = [...running.map((_, i) => `run${i}`), ...finished.map((_, i) => `done${i}`), ...Array.from({ length: waiting }, (_, i) => `wait${i}`)];
  const yaml = [`dag_id: ${dagId}`, "schedule: null", "tasks:", ...(taskIds.length ? taskIds : ["noop"]).map((t) => `  - { task_id: ${t}, operator: empty }`)].join("\n") + "\n";
  const dag = await storeDag(environment, yaml);
  const run = await insertManualRun(environment, dag, `manual__${randomUUID().slice(0, 8)}`);
  const tries = [
    ...running.map((slots, i) => ({ taskId: `run${i}`, state: "running", poolSlots: slots })),
    ...finished.map((slots, i) => ({ taskId: `done${i}`, state: "success", poolSlots: slots })),
  ];
  if (tries.length) {
    await db().taskTry.createMany({ data: tries.map((t) => ({ dagRunId: run.id, taskId: t.taskId, tryNumber: 1, state: t.state, activityKind: "local", pool, poolSlots: t.poolSlots })) });
  }
  if (waiting) {
    await db().slotWaiter.createMany({
      data: Array.from({ length: waiting }, (_, i) => ({ dagRunId: run.id, taskId: `wait${i}`, environmentId: environment.id, dagId, pool })),
    });
  }
  return run.id;
}

/** Ends every running try of the run (their slots free). */
export async function finishTries(dagRunId: string): Promise<void> {
  await db().taskTry.updateMany({ where: { dagRunId, state: "running" }, data: { state: "success", endDate: new Date() } });
}
