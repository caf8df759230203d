// The example DAG files in examples/ that document the format stay valid (and broken.yaml
// stays broken in every way it shows).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateDagText } from "../../../lib/domain/dag/validate-dag";

const examples = path.resolve(import.meta.dirname, "../../../examples");
const read = (name: string) => validateDagText(readFileSync(path.join(examples, name), "utf8"), { file: name });

describe("examples", () => {
  it.each(["daily_report.yaml", "hourly_sync.yaml"])("%s is valid under both defaults modes", (name) => {
    const text = readFileSync(path.join(examples, name), "utf8");
    for (const defaults of ["airflow3", "airflow2"] as const) {
      expect(validateDagText(text, { file: name, defaults }).errors).toEqual([]);
    }
  });

  it("broken.yaml reports each of its problems at once", () => {
    const r = read("broken.yaml");
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual([
      "dag_id",
      "schedule",
      "catchup",
      "timezone",
      "descripton",
      "tasks[0].operator",
      "tasks[0].upstream",
      "tasks[1].trigger_rule",
      "tasks[1].retry_delay",
      "tasks[2].endpoint",
      "tasks[3].task_id",
      "tasks[3].operator",
      "tasks[3].upstream[0]",
    ]);
    expect(r.errors.every((e) => e.line !== null && e.column !== null)).toBe(true);
  });
});
