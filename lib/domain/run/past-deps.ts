// Airflow's PrevDagrunDep: a task with depends_on_past runs only when its instance in the
// DAG's previous run (by logical date) succeeded or was skipped; with wait_for_downstream,
// also that instance's direct downstream tasks. No previous run, or no instance of the task
// in it (the task is new), passes. Returns why the task waits, or null when it may run.

const DONE = new Set(["success", "skipped"]);

export interface PreviousRun {
  run_id: string;
  /** The task's instance in that run, or null when the task did not exist then. */
  state: string | null;
  /** Direct downstream tasks (of the task as it is now) in that run; absent ones are left out. */
  downstream: { task_id: string; state: string }[];
}

export function pastDepsReason(task_id: string, wait_for_downstream: boolean, previous: PreviousRun | null): string | null {
  if (!previous || previous.state === null) return null;
  if (!DONE.has(previous.state)) {
    return `depends_on_past: '${task_id}' in the previous run ${previous.run_id} is ${previous.state}, not success or skipped; it runs once that instance succeeds (clear or mark it).`;
  }
  if (wait_for_downstream) {
    const pending = previous.downstream.filter((d) => !DONE.has(d.state));
    if (pending.length) {
      const list = pending.map((d) => `${d.task_id} (${d.state === "none" ? "not run" : d.state})`).join(", ");
      return `wait_for_downstream: in the previous run ${previous.run_id}, the tasks after '${task_id}' have not all finished: ${list}.`;
    }
  }
  return null;
}
