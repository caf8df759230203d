// `external_task_sensor` (Airflow's ExternalTaskSensor): waits for another DAG's run with this
// run's logical date (minus execution_delta), in the same environment: for external_task_id /
// external_task_ids, until every one of those tasks is in allowed_states (default success);
// without them, until the run itself is. failed_states fail it (skipped with soft_fail),
// skipped_states skip it. The worker reads the runs through ports.externalRuns.
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { TaskFailure } from "../task-try";
import { runSensor, SensorSkip } from "./sensor-kit";

export async function executeExternalTaskSensor(req: TaskTryRequest): Promise<OperatorOutcome> {
  const { task, run, ports } = req;
  const port = ports.externalRuns;
  if (!port) {
    throw new TaskFailure(
      "external_task_sensor needs the hosted service: it reads other DAGs' runs in the environment, which `windsock dags test` does not have; deploy the DAG to run it",
      false,
    );
  }
  const dagId = task.external_dag_id ?? "";
  const taskIds = task.external_task_ids ?? (task.external_task_id ? [task.external_task_id] : []);
  if (task.external_task_group_id) throw new TaskFailure("external_task_group_id is not supported yet; list the group's tasks in external_task_ids", false);
  const allowed = task.allowed_states ?? ["success"];
  const failed = task.failed_states ?? [];
  const skipped = task.skipped_states ?? [];
  const base = run.logical_date ?? run.run_after;
  const logicalDate = new Date(Date.parse(base) - (task.execution_delta ?? 0)).toISOString();
  const what = taskIds.length ? `task(s) ${taskIds.join(", ")} of DAG '${dagId}'` : `DAG '${dagId}'`;
  return runSensor(req, async () => {
    ports.log.log("info", `Poking for ${what} on ${logicalDate} ...`);
    const found = await port.findRun({ dag_id: dagId, logical_date: logicalDate, task_ids: taskIds });
    if (!found) return { done: false };
    const states = taskIds.length ? taskIds.map((id) => found.tasks[id]).filter((s): s is string => s !== undefined) : [found.state];
    if (states.some((s) => failed.includes(s))) {
      const message = `The external ${what} failed (run ${found.run_id}).`;
      if (task.soft_fail) throw new SensorSkip(`${message} Skipping due to soft_fail.`);
      throw new TaskFailure(message, false);
    }
    if (states.some((s) => skipped.includes(s))) throw new SensorSkip(`The external ${what} reached a skipped state (run ${found.run_id}).`);
    const want = taskIds.length || 1;
    return states.filter((s) => allowed.includes(s)).length === want ? { done: true } : { done: false };
  });
}
