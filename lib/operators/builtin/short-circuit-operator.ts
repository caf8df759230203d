// `short_circuit` (Airflow's ShortCircuitOperator): a falsy result (Python's idea of falsy)
// skips everything downstream, or only the direct downstreams when
// ignore_downstream_trigger_rules is false. The result is the task's return_value.
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { pythonTruthy } from "./operator-kit";
import { preview, runTaskScript } from "./script-operator";

export async function executeShortCircuit(req: TaskTryRequest): Promise<OperatorOutcome> {
  const r = await runTaskScript(req);
  if (r.kind === "skipped") return r;
  const value = r.hasValue ? { value: r.value } : {};
  req.ports.log.log("info", `Condition result is ${r.hasValue ? preview(r.value) : "None"}`);
  if (pythonTruthy(r.value)) {
    req.ports.log.log("info", "Proceeding with downstream tasks...");
    return { kind: "returned", ...value };
  }
  if (req.task.downstream.length === 0) {
    req.ports.log.log("info", "No downstream tasks; nothing to do.");
    return { kind: "returned", ...value };
  }
  req.ports.log.log("info", "Skipping downstream tasks");
  return {
    kind: "returned",
    ...value,
    skip: { kind: "short_circuit", ignore_downstream_trigger_rules: req.task.ignore_downstream_trigger_rules ?? true },
  };
}
