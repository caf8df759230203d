import type { OperatorOutcome } from "../task-try";

/** Airflow's EmptyOperator: succeeds without doing anything. */
export async function executeEmpty(): Promise<OperatorOutcome> {
  return { kind: "returned" };
}
