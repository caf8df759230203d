import { describe, expect, it } from "vitest";
import { buildGridRows, groupState, visibleRows } from "../../../lib/domain/run/grid-rows";

const tasks = [
  { task_id: "start", task_group: null },
  { task_id: "etl.extract", task_group: "etl" },
  { task_id: "etl.load.db", task_group: "etl.load" },
  { task_id: "etl.load.s3", task_group: "etl.load" },
  { task_id: "end", task_group: null },
];
const groups = [
  { group_id: "etl", parent_group: null },
  { group_id: "etl.load", parent_group: "etl" },
];

describe("grid rows", () => {
  it("puts each group before its first task, in file order, nested groups indented, removed tasks last", () => {
    const rows = buildGridRows(tasks, groups, ["old_task", "start"]);
    expect(rows.map((r) => `${"  ".repeat(r.depth)}${r.kind === "group" ? "[" + r.label + "]" : r.label}`)).toEqual([
      "start",
      "[etl]",
      "  extract",
      "  [load]",
      "    db",
      "    s3",
      "end",
      "old_task",
    ]);
    expect(rows.find((r) => r.id === "etl")).toMatchObject({ taskIds: ["etl.extract", "etl.load.db", "etl.load.s3"] });
  });

  it("hides every descendant of a collapsed group, but not the group row itself", () => {
    const rows = buildGridRows(tasks, groups);
    expect(visibleRows(rows, new Set(["etl"])).map((r) => r.id)).toEqual(["start", "etl", "end"]);
    expect(visibleRows(rows, new Set(["etl.load"])).map((r) => r.id)).toEqual(["start", "etl", "etl.extract", "etl.load", "end"]);
  });

  it("a collapsed group shows its most urgent state", () => {
    expect(groupState(["success", "failed", "running"])).toBe("failed");
    expect(groupState(["success", "running", "skipped"])).toBe("running");
    expect(groupState(["success", "skipped"])).toBe("skipped");
    expect(groupState([null, undefined])).toBeNull();
  });
});
