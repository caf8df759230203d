// The Grid's packed cells come back exactly as the read produced them (through JSON, as
// they travel to the browser), and are much smaller than the tuples.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packGridCells, unpackGridCells, type GridCellTuple } from "../../../lib/domain/run/grid-wire";

const STATES = ["success", "failed", "running", "queued", "upstream_failed", "skipped", "none", "up_for_retry"];
const time = fc.option(fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }), { nil: null });
const cell: fc.Arbitrary<GridCellTuple | null> = fc.option(
  fc
    .tuple(fc.constantFrom(...STATES), fc.nat(12), fc.nat(12), time, time, fc.option(fc.string(), { nil: undefined }))
    .map(([state, tryNumber, max, start, end, reason]) => (reason === undefined ? [state, tryNumber, max, start, end] : [state, tryNumber, max, start, end, reason]) as GridCellTuple),
  { nil: null },
);

describe("packGridCells / unpackGridCells", () => {
  it("round-trips any cells through JSON", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }).chain((runs) => fc.tuple(fc.constant(runs), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.array(cell, { minLength: runs, maxLength: runs })))), ([runs, cells]) => {
        const wire = JSON.parse(JSON.stringify(packGridCells(cells, runs)));
        expect(unpackGridCells(wire)).toEqual(cells);
      }),
      { numRuns: 300 },
    );
  });

  it("is a fraction of the tuples' size on a typical grid", () => {
    const cells: Record<string, (GridCellTuple | null)[]> = {};
    for (let t = 0; t < 500; t++)
      cells[`g${t % 10}.t${t}`] = Array.from({ length: 25 }, (_, r) => {
        const start = Date.UTC(2026, 10, 1) + r * 8 * 3_600_000 + t * 2000;
        return ["success", 1, 1, start, start + 1000 + (t % 17) * 1000] as GridCellTuple;
      });
    cells["g4.t4"][24] = ["failed", 1, 1, Date.UTC(2026, 10, 9), Date.UTC(2026, 10, 9) + 5, "Try 1 failed: boom"];
    const tuples = JSON.stringify(cells).length;
    const packed = JSON.stringify(packGridCells(cells, 25)).length;
    expect(unpackGridCells(JSON.parse(JSON.stringify(packGridCells(cells, 25))))).toEqual(cells);
    expect(packed).toBeLessThan(tuples / 2.5);
  });
});
