// Builders for DAG file text used by the dag tests.
import { validateDagText, type ValidationResult } from "../../../lib/domain/dag/validate-dag";
import type { DefaultsMode } from "../../../lib/domain/dag/spec";

export function validate(yaml: string, defaults?: DefaultsMode): ValidationResult {
  return validateDagText(yaml, { file: "dag.yaml", defaults });
}

/** Problems as "line:col path: message" for compact assertions. */
export function brief(r: ValidationResult, kind: "errors" | "warnings" = "errors"): string[] {
  return r[kind].map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

export function manyTasksYaml(n: number): string {
  const lines = ["dag_id: big", 'schedule: "@daily"', "tasks:"];
  for (let i = 0; i < n; i++) {
    lines.push(`  - task_id: t${i}`, "    operator: empty");
    if (i > 0) lines.push(`    upstream: [t${i - 1}]`);
  }
  return lines.join("\n") + "\n";
}
