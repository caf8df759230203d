// Output of `dags test` / `tasks test`: the JSON contract of issue 6 and a readable summary.
import type { DagSpec } from "../../domain/dag/spec";
import type { TaskOutcome } from "../run-driver";

export interface RunResultJson {
  dag_id: string;
  run_id: string;
  state: string;
  tasks: Record<string, { state: string; try_number: number; return_value?: unknown }>;
}

export function runResultJson(dag: DagSpec, run_id: string, state: string, tasks: Record<string, TaskOutcome>): RunResultJson {
  const out: RunResultJson = { dag_id: dag.dag_id, run_id, state, tasks: {} };
  for (const t of dag.tasks) {
    const o = tasks[t.task_id];
    const entry: RunResultJson["tasks"][string] = { state: o.state, try_number: o.try_number };
    if (o.return_value !== undefined) entry.return_value = o.return_value;
    out.tasks[t.task_id] = entry;
  }
  return out;
}

export function runSummary(dag: DagSpec, run_id: string, state: string, tasks: Record<string, TaskOutcome>, totalMs: number, message?: string | null): string {
  const rows = dag.tasks.map((t) => {
    const o = tasks[t.task_id];
    return [t.task_id, o.state, String(o.try_number), o.try_number ? formatMs(o.duration_ms) : "-", o.error && o.state !== "success" ? o.error.split("\n")[0] : ""];
  });
  const header = ["TASK", "STATE", "TRIES", "DURATION", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [
    `DAG ${dag.dag_id}, run ${run_id}: ${state} in ${formatMs(totalMs)}${message && state !== "success" ? ` (${message})` : ""}`,
    "",
    line(header),
    ...rows.map(line),
    "",
  ].join("\n");
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
