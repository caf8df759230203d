// The quick top-level locator gives the same line and column as the full YAML parser.
import { describe, expect, it } from "vitest";
import { loadYamlWithPositions, locateTopLevel } from "../../../lib/domain/dag/load-yaml";

const FILES = [
  'dag_id: d\nmax_active_runs: 4\ncatchup:   true   # comment\ntags: [a, b]\nparams:\n  x: 1\ntasks:\n  - task_id: a\n    operator: empty\n',
  "dag_id: d\n\n# a comment\ndefault_args:\n\n  # inside\n  retries: 2\ntasks:\n- task_id: a\n  operator: empty\ndescription: >\n  folded\n",
  'dag_id: "quoted"\nschedule: "@daily"\nmax_active_tasks: 3\ntimetable: { type: once }\ntasks: []\nend_date:\n',
];

describe("locateTopLevel", () => {
  it("agrees with the full parser for every top-level key and value", () => {
    let placed = 0;
    for (const text of FILES) {
      const full = loadYamlWithPositions(text, "f");
      for (const key of Object.keys(full.value as object)) {
        for (const atKey of [true, false]) {
          const quick = locateTopLevel(text, key, atKey);
          if (quick === null) continue; // falls back to the full parser: always correct
          placed++;
          expect(quick, `${key} ${atKey ? "key" : "value"} in ${JSON.stringify(text)}`).toEqual(full.locate([key], { key: atKey }));
        }
      }
    }
    expect(placed).toBeGreaterThan(25);
  });

  it("declines what it cannot place (JSON, absent keys)", () => {
    expect(locateTopLevel('{"dag_id": "d"}', "dag_id", false)).toBeNull();
    expect(locateTopLevel("dag_id: d\n", "tasks", true)).toBeNull();
  });
});
