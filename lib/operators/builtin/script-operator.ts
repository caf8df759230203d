// `script`: the task's code (JS or TS module, default export `async (ctx) => value`) runs
// in the sandbox; also the callable half of branch and short_circuit.
import { runScript } from "../sandbox/run-script";
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { TaskFailure } from "../task-try";
import { renderTaskFields, sandboxLimitsOf, scriptHostOf, templateContextOf } from "./operator-kit";

export type ScriptResult = { kind: "returned"; value?: unknown; hasValue: boolean } | { kind: "skipped"; reason: string };

export async function runTaskScript(req: TaskTryRequest): Promise<ScriptResult> {
  const { task, dag } = req;
  if (!task.code) throw new TaskFailure(`task '${task.task_id}' has no code; give the module in its 'code' field`, false);
  const context = templateContextOf(req);
  const limits = sandboxLimitsOf(req);
  const { args } = await renderTaskFields(req, { args: task.args ?? {} }, context, limits);
  const host = scriptHostOf(req);
  try {
    const outcome = await runScript({
      code: task.code,
      language: "ts",
      filename: `${dag.dag_id}/${task.task_id}.ts`,
      context,
      args,
      host,
      limits,
      signal: req.signal,
    });
    if (outcome.kind === "skip") {
      req.ports.log.log("info", `Skipping task: ${outcome.reason}`);
      return { kind: "skipped", reason: outcome.reason };
    }
    const hasValue = outcome.value !== undefined && outcome.value !== null;
    req.ports.log.log("info", hasValue ? `Done. Returned value was: ${preview(outcome.value)}` : "Done. Returned value was: None");
    return { kind: "returned", value: outcome.value, hasValue };
  } finally {
    await host.flush();
  }
}

export async function executeScript(req: TaskTryRequest): Promise<OperatorOutcome> {
  const r = await runTaskScript(req);
  if (r.kind === "skipped") return r;
  return r.hasValue ? { kind: "returned", value: r.value } : { kind: "returned" };
}

export function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 500 ? `${text.slice(0, 500)}… (${text.length} characters)` : text;
}
