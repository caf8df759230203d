// Validation problems users see: where (file, line, column, field path), what is wrong, how to fix it.

export interface DagProblem {
  severity: "error" | "warning";
  file: string;
  /** 1-based; null when the source has no positions (a DAG built with the TypeScript SDK). */
  line: number | null;
  column: number | null;
  /** Field path, e.g. "tasks[3].trigger_rule"; "" for the whole file. */
  path: string;
  message: string;
  /** How to fix it ("did you mean ...?"). */
  hint?: string;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** "file:line:col: error: path: message (hint)" — one line per problem, as compilers print them. */
export function formatProblem(p: DagProblem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  const path = p.path ? `${p.path}: ` : "";
  const hint = p.hint ? `\n    hint: ${p.hint}` : "";
  return `${where}: ${p.severity}: ${path}${p.message}${hint}`;
}

/** Levenshtein distance, capped for speed (names are short). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const al = a.length;
  const bl = b.length;
  if (Math.abs(al - bl) > 8) return Math.abs(al - bl);
  let prev = Array.from({ length: bl + 1 }, (_, i) => i);
  for (let i = 1; i <= al; i++) {
    const cur = [i];
    for (let j = 1; j <= bl; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[bl];
}

/** The closest candidate when it is plausibly a typo, else undefined. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) return c;
    let d = editDistance(lower, cl);
    if (cl.startsWith(lower) || lower.startsWith(cl)) d = Math.min(d, 2);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return bestScore <= limit ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const c = closest(input, candidates);
  return c ? `did you mean "${c}"?` : undefined;
}
