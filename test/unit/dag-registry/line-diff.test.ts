// The version diff: applying the script to the old text gives the new one, and it is minimal.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffHunks, diffLines, splitLines } from "../../../lib/domain/dag/line-diff";

const apply = (lines: ReturnType<typeof diffLines>) => ({
  old: lines.filter((l) => l.kind !== "added").map((l) => l.text),
  new: lines.filter((l) => l.kind !== "removed").map((l) => l.text),
});

describe("diffLines", () => {
  it("marks a changed schedule line as removed + added, the rest unchanged", () => {
    const a = "dag_id: x\nschedule: '@daily'\ntasks: []\n";
    const b = "dag_id: x\nschedule: '@hourly'\ntasks: []\n";
    const d = diffLines(a, b);
    expect(d.map((l) => l.kind)).toEqual(["same", "removed", "added", "same"]);
    expect(d[1]).toMatchObject({ text: "schedule: '@daily'", oldLine: 2 });
    expect(d[2]).toMatchObject({ text: "schedule: '@hourly'", newLine: 2 });
  });

  it("handles empty sides", () => {
    expect(diffLines("", "a\nb").map((l) => l.kind)).toEqual(["added", "added"]);
    expect(diffLines("a\nb", "").map((l) => l.kind)).toEqual(["removed", "removed"]);
    expect(diffLines("", "")).toEqual([]);
  });

  it("reproduces both texts and changes no more lines than needed (property)", () => {
    const line = fc.constantFrom("a", "b", "c", "d", "e");
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const d = diffLines(a.join("\n"), b.join("\n"));
        const r = apply(d);
        expect(r.old).toEqual(splitLines(a.join("\n")));
        expect(r.new).toEqual(splitLines(b.join("\n")));
        // Minimal: the number of unchanged lines is the LCS length.
        const lcs = Array.from({ length: a.length + 1 }, () => Array(b.length + 1).fill(0));
        for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) lcs[i][j] = a[i - 1] === b[j - 1] ? lcs[i - 1][j - 1] + 1 : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
        const same = d.filter((l) => l.kind === "same").length;
        const expected = splitLines(a.join("\n")).length === a.length && splitLines(b.join("\n")).length === b.length ? lcs[a.length][b.length] : same;
        expect(same).toBe(expected);
      }),
    );
  });
});

describe("diffHunks", () => {
  it("keeps 3 lines of context and splits distant changes", () => {
    const a = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const b = [...a];
    b[1] = "changed 2";
    b[25] = "changed 26";
    const hunks = diffHunks(diffLines(a.join("\n"), b.join("\n")));
    expect(hunks).toHaveLength(2);
    expect(hunks[0]).toMatchObject({ oldStart: 1, newStart: 1 });
    expect(hunks[0].lines).toHaveLength(1 + 2 + 3); // line 1, -2 +2, lines 3..5
    expect(hunks[1]).toMatchObject({ oldStart: 23, newStart: 23 });
  });
});
