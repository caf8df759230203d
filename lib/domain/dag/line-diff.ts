// A line diff between two versions of a DAG file (Myers' O(ND) algorithm, as `diff` and
// git use), grouped into hunks with context lines, for the DAG page's "Changes" view.

export type DiffLine =
  | { kind: "same"; text: string; oldLine: number; newLine: number }
  | { kind: "removed"; text: string; oldLine: number }
  | { kind: "added"; text: string; newLine: number };

export interface DiffHunk {
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Every line of both texts in order, each marked same / removed / added. */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Trim the common prefix and suffix: most versions differ in a few lines.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB));
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: "same", text: a[i], oldLine: i + 1, newLine: i + 1 });
  let i = start;
  let j = start;
  for (const op of middle) {
    if (op === "=") {
      out.push({ kind: "same", text: a[i], oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (op === "-") {
      out.push({ kind: "removed", text: a[i], oldLine: i + 1 });
      i++;
    } else {
      out.push({ kind: "added", text: b[j], newLine: j + 1 });
      j++;
    }
  }
  for (; i < a.length; i++, j++) out.push({ kind: "same", text: a[i], oldLine: i + 1, newLine: j + 1 });
  return out;
}

/** Myers' greedy forward search with a trace, then a backtrack: the shortest edit script. */
function myers(a: string[], b: string[]): ("=" | "-" | "+")[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return Array(m).fill("+");
  if (m === 0) return Array(n).fill("-");
  const max = n + m;
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  // Backtrack from (n, m) through the saved frontiers.
  const ops: ("=" | "-" | "+")[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("=");
      x--;
      y--;
    }
    ops.push(x === prevX ? "+" : "-");
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push("=");
    x--;
    y--;
  }
  return ops.reverse();
}

/** Changed regions with `context` unchanged lines around them, as unified diffs show. */
export function diffHunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const changed: number[] = [];
  lines.forEach((l, i) => {
    if (l.kind !== "same") changed.push(i);
  });
  const hunks: DiffHunk[] = [];
  let g = 0;
  while (g < changed.length) {
    let end = g;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context + 1) end++;
    const from = Math.max(0, changed[g] - context);
    const to = Math.min(lines.length, changed[end] + context + 1);
    const slice = lines.slice(from, to);
    hunks.push({ oldStart: startLine(lines, from, "old"), newStart: startLine(lines, from, "new"), lines: slice });
    g = end + 1;
  }
  return hunks;
}

/** The first old (or new) line number at or after `idx`, for a hunk header. */
function startLine(lines: DiffLine[], idx: number, side: "old" | "new"): number {
  let before = 0;
  for (let i = 0; i < idx; i++) {
    const l = lines[i];
    if (side === "old" && l.kind !== "added") before = l.oldLine;
    if (side === "new" && l.kind !== "removed") before = l.newLine;
  }
  return before + 1;
}
