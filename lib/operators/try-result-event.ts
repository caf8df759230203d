// Turns a try's result into the run engine's event. Pure (domain code and types only), so
// the Temporal DagRun workflow can import it as well as the in-process driver.
import { branchSkipList, shortCircuitSkipList } from "../domain/run";
import type { RunEvent, RunGraph, SkipRequest } from "../domain/run";
import type { TaskTryResult } from "./task-try";

export function tryResultEvent(graph: RunGraph, task_id: string, try_number: number, result: TaskTryResult, at: string): RunEvent {
  switch (result.state) {
    case "success": {
      let skip: SkipRequest | undefined;
      if (result.skip?.kind === "branch") skip = branchSkipList(graph, task_id, result.skip.follow);
      else if (result.skip?.kind === "short_circuit") skip = shortCircuitSkipList(graph, task_id, result.skip.ignore_downstream_trigger_rules);
      return skip ? { type: "task_try_succeeded", task_id, try_number, at, skip } : { type: "task_try_succeeded", task_id, try_number, at };
    }
    case "skipped":
      return { type: "task_try_skipped", task_id, try_number, at, reason: result.reason };
    case "rescheduled":
      return { type: "task_try_rescheduled", task_id, try_number, at, reschedule_at: result.reschedule_at };
    case "failed":
      return { type: "task_try_failed", task_id, try_number, at, error: result.error, retryable: result.retryable };
  }
}
