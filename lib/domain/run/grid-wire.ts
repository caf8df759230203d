// The Grid's cells as they travel from the server page to the browser. Every task's cells
// ride along (groups expand without a request), so on 500 tasks × 25 runs a named tuple per
// cell — ["success",1,1,1764547200000,1764547210000] — made ~790 KiB of HTML. Packed, a cell
// is a letter for its state, a letter saying which times it has, and small numbers: start
// as an offset from its run's earliest start, end as a duration. unpackGridCells restores
// the exact tuples.

/** [state, try_number, max_tries, start ms, end ms, reason?] (the Grid's GridCell). */
export type GridCellTuple = [state: string, tryNumber: number, maxTries: number, start: number | null, end: number | null, reason?: string];

type PackedRow = [
  /** One letter per run: the state's index in `s` as "A", "B", …; "." when the task has no instance in that run. */
  codes: string,
  /** One letter per run: "0" no times, "1" start only, "2" start and end, "3" end only. */
  times: string,
  /** Offsets and durations, in run order, as many as `times` says. */
  values: number[],
  /** try_number per run, or one number when every cell has the same. */
  tries: number | number[],
  maxTries: number | number[],
  /** Reasons by run index, when any. */
  reasons?: Record<number, string>,
];

export interface PackedGridCells {
  /** State names, indexed by the codes. */
  s: string[];
  /** Per run: the earliest start among its cells (the base for start offsets), or 0. */
  b: number[];
  t: Record<string, PackedRow>;
}

const CODE_A = 65;

export function packGridCells(cells: Record<string, (GridCellTuple | null)[]>, runCount: number): PackedGridCells {
  const states: string[] = [];
  const stateIndex = new Map<string, number>();
  const bases: number[] = Array.from({ length: runCount }, () => Infinity);
  for (const row of Object.values(cells))
    for (let i = 0; i < runCount; i++) {
      const start = row[i]?.[3];
      if (start !== null && start !== undefined && start < bases[i]) bases[i] = start;
    }
  const b = bases.map((x) => (x === Infinity ? 0 : x));
  const t: Record<string, PackedRow> = {};
  for (const [taskId, row] of Object.entries(cells)) {
    let codes = "";
    let times = "";
    const values: number[] = [];
    const tries: number[] = [];
    const maxTries: number[] = [];
    let reasons: Record<number, string> | undefined;
    for (let i = 0; i < runCount; i++) {
      const c = row[i];
      if (!c) {
        codes += ".";
        times += "0";
        tries.push(0);
        maxTries.push(0);
        continue;
      }
      const [state, tryNumber, max, start, end, reason] = c;
      let code = stateIndex.get(state);
      if (code === undefined) stateIndex.set(state, (code = states.push(state) - 1));
      codes += String.fromCharCode(CODE_A + code);
      if (start !== null && end !== null) {
        times += "2";
        values.push(start - b[i], end - start);
      } else if (start !== null) {
        times += "1";
        values.push(start - b[i]);
      } else if (end !== null) {
        times += "3";
        values.push(end);
      } else times += "0";
      tries.push(tryNumber);
      maxTries.push(max);
      if (reason !== undefined) (reasons ??= {})[i] = reason;
    }
    const same = (xs: number[]) => {
      const real = xs.filter((_, i) => codes[i] !== ".");
      return real.every((x) => x === real[0]) ? (real[0] ?? 0) : xs;
    };
    t[taskId] = reasons ? [codes, times, values, same(tries), same(maxTries), reasons] : [codes, times, values, same(tries), same(maxTries)];
  }
  return { s: states, b, t };
}

export function unpackGridCells(packed: PackedGridCells): Record<string, (GridCellTuple | null)[]> {
  const out: Record<string, (GridCellTuple | null)[]> = {};
  for (const [taskId, [codes, times, values, tries, maxTries, reasons]] of Object.entries(packed.t)) {
    const row: (GridCellTuple | null)[] = [];
    let v = 0;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] === ".") {
        row.push(null);
        continue;
      }
      let start: number | null = null;
      let end: number | null = null;
      switch (times[i]) {
        case "2":
          start = values[v++] + packed.b[i];
          end = start + values[v++];
          break;
        case "1":
          start = values[v++] + packed.b[i];
          break;
        case "3":
          end = values[v++];
          break;
      }
      const cell: GridCellTuple = [packed.s[codes.charCodeAt(i) - CODE_A], typeof tries === "number" ? tries : tries[i], typeof maxTries === "number" ? maxTries : maxTries[i], start, end];
      const reason = reasons?.[i];
      if (reason !== undefined) cell.push(reason);
      row.push(cell);
    }
    out[taskId] = row;
  }
  return out;
}
