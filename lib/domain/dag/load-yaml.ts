// Reads DAG file text (YAML; JSON is YAML too) with limits that make hostile files fail
// fast: size, nesting depth, aliases (YAML bombs), and per-string length.
//
// Two parsers: js-yaml reads a file about 15x faster than the `yaml` package but keeps no
// positions, so it is the fast path for files without anchors/aliases; `yaml` (with line
// and column of every node) reads the rest, and is run lazily on the fast path only when
// a problem has to be located. Both read YAML 1.2's core schema (no timestamps, no merge keys).
import jsyaml from "js-yaml";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { DagProblem, PathSegment } from "./problems";

export const LIMITS = {
  maxFileBytes: 4 * 1024 * 1024,
  maxDepth: 64,
  maxStringChars: 1024 * 1024,
  maxAliasCount: 100,
  maxIndentColumns: 512,
};

export interface Position {
  line: number;
  column: number;
}

export interface LoadedYaml {
  value: unknown;
  problems: DagProblem[];
  /** Line and column of the value at `path` (or of its key with `{ key: true }`). */
  locate: (path: readonly PathSegment[], opts?: { key?: boolean }) => Position | null;
}

const noPositions = () => null;

/** Cheap scan before parsing: flow-collection depth and indentation, so the parser never recurses deeply. */
function prescan(text: string): { index: number; message: string } | null {
  let depth = 0;
  let quote: string | null = null;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      lineStart = true;
      indent = 0;
      // Quotes end at the line: a stray apostrophe in a block scalar must not hide the
      // brackets after it (a multi-line quoted string can only over-count, never hide).
      quote = null;
      continue;
    }
    if (lineStart) {
      if (ch === " " || ch === "-") {
        indent++;
        if (indent > LIMITS.maxIndentColumns) return { index: i, message: `nesting is too deep (indentation beyond ${LIMITS.maxIndentColumns} columns)` };
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (quote === '"' && ch === "\\") i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // Only a quote at the start of a scalar opens a quoted string (don't -> plain scalar).
      const prev = text[i - 1];
      if (prev === undefined || /[\s[{,:]/.test(prev)) quote = ch;
    } else if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== "\n") i++;
      i--;
    } else if (ch === "[" || ch === "{") {
      depth++;
      if (depth > LIMITS.maxDepth) return { index: i, message: `nesting is too deep (more than ${LIMITS.maxDepth} levels of [ or {)` };
    } else if (ch === "]" || ch === "}") {
      depth = Math.max(0, depth - 1);
    }
  }
  return null;
}

function depthExceeded(node: unknown, depth: number): Node | null {
  if (depth > LIMITS.maxDepth) return node as Node;
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      const child = isPair(item) ? item.value : item;
      const hit = depthExceeded(child, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

function firstHugeString(node: unknown): Node | null {
  const stack: unknown[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (isScalar(n)) {
      if (typeof n.value === "string" && n.value.length > LIMITS.maxStringChars) return n;
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  return null;
}

/** The `yaml`-package reader with positions for every node (also the reference for locateTopLevel). */
export function loadYamlWithPositions(text: string, file: string): LoadedYaml {
  const problem = (line: number, column: number, message: string, hint?: string): DagProblem => ({
    severity: "error",
    file,
    line,
    column,
    path: "",
    message,
    hint,
  });
  const bytes = text.length; // chars >= bytes/4; a cheap bound before anything else
  if (bytes > LIMITS.maxFileBytes) {
    return {
      value: undefined,
      problems: [problem(1, 1, `file is too large (${bytes} characters; the limit is ${LIMITS.maxFileBytes})`, "split it into several DAG files")],
      locate: noPositions,
    };
  }
  const lineCounter = new LineCounter();
  const pre = prescan(text);
  if (pre) {
    // Count lines up to the offending index without parsing.
    let line = 1;
    let col = 1;
    for (let i = 0; i < pre.index; i++) {
      if (text[i] === "\n") {
        line++;
        col = 1;
      } else col++;
    }
    return { value: undefined, problems: [problem(line, col, pre.message, "a DAG file needs only a few levels")], locate: noPositions };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    return { value: undefined, problems: [problem(1, 1, `cannot read the file: ${(e as Error).message}`)], locate: noPositions };
  }
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate = (path: readonly PathSegment[], opts?: { key?: boolean }): Position | null => {
    let node: unknown = doc.contents;
    let keyNode: unknown = null;
    let lastFound: unknown = node;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        keyNode = null;
        node = node.items[seg];
      } else break;
      if (!node) break;
      lastFound = node;
    }
    const target = (opts?.key && keyNode) || lastFound;
    const range = (target as Node | null)?.range;
    return range ? pos(range[0]) : { line: 1, column: 1 };
  };
  const problems: DagProblem[] = [];
  const seenLines = new Set<string>();
  for (const err of doc.errors) {
    const p = pos(err.pos[0]);
    const msg = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    // One message per line and kind: an unquoted cron gives one error per "*".
    if (seenLines.has(`${p.line}|${msg}`)) continue;
    seenLines.add(`${p.line}|${msg}`);
    problems.push(problem(p.line, p.column, `YAML syntax: ${msg}`, yamlHint(err.code, msg)));
  }
  if (problems.length) return { value: undefined, problems, locate };
  const deep = depthExceeded(doc.contents, 0);
  if (deep) {
    const p = pos(deep.range?.[0] ?? 0);
    return { value: undefined, problems: [problem(p.line, p.column, `nesting is too deep (more than ${LIMITS.maxDepth} levels)`)], locate };
  }
  const huge = firstHugeString(doc.contents);
  if (huge) {
    const p = pos(huge.range?.[0] ?? 0);
    return {
      value: undefined,
      problems: [problem(p.line, p.column, `string is too long (more than ${LIMITS.maxStringChars} characters)`, "keep large data out of the DAG file")],
      locate,
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (e) {
    const message = /alias/i.test((e as Error).message)
      ? `too many aliases (a YAML "billion laughs" expansion); at most ${LIMITS.maxAliasCount} alias uses are allowed`
      : `cannot read the file: ${(e as Error).message}`;
    return { value: undefined, problems: [problem(1, 1, message, "write the values out instead of reusing anchors")], locate };
  }
  return { value, problems, locate };
}

function yamlHint(code: string, message: string): string | undefined {
  if (/reserved character [@`]/.test(message)) return 'quote the value, e.g. schedule: "@daily"';
  if (/alias/i.test(message)) return 'a value starting with * is read as a YAML alias; quote cron expressions, e.g. schedule: "*/5 * * * *"';
  switch (code) {
    case "DUPLICATE_KEY":
      return "each key may appear once in a mapping; remove or rename the repeated one";
    case "TAB_AS_INDENT":
      return "indent with spaces, not tabs";
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "check the indentation and the colons around this line";
    case "BLOCK_AS_IMPLICIT_KEY":
      return "a key is missing its colon, or a value is indented under the wrong key";
    default:
      return undefined;
  }
}

// A file with an anchor is left to `yaml`, whose alias limit stops expansion bombs (js-yaml
// would share the references and let a later walk over the value explode).
class AnchorSeen extends Error {}
function noAnchors(_event: string, state: { anchorMap?: object }): void {
  for (const _ in state.anchorMap) throw new AnchorSeen();
}

function depthOfValue(v: unknown, depth: number): boolean {
  if (depth > LIMITS.maxDepth) return true;
  if (v && typeof v === "object") {
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (depthOfValue(child, depth + 1)) return true;
  }
  return false;
}

function hasHugeString(v: unknown): boolean {
  const stack: unknown[] = [v];
  while (stack.length) {
    const n = stack.pop();
    if (typeof n === "string") {
      if (n.length > LIMITS.maxStringChars) return true;
    } else if (n && typeof n === "object") {
      if (Array.isArray(n)) stack.push(...n);
      else for (const [k, x] of Object.entries(n)) stack.push(k, x);
    }
  }
  return false;
}

/**
 * Position of a top-level key (or its value) in block-style YAML, found by scanning lines,
 * so a warning about e.g. `max_active_runs` in a large file costs no second parse. Gives
 * the same position as the `yaml` parser; null when the file is not laid out that way.
 */
export function locateTopLevel(text: string, key: string, atKey: boolean): Position | null {
  if (!/^[A-Za-z0-9_.-]+$/.test(key)) return null;
  const m = new RegExp(`^${key.replace(/[.-]/g, "\\$&")}[ \\t]*:(?=[ \\t]|$)`, "m").exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index);
  const line = before.split("\n").length;
  if (atKey) return { line, column: 1 };
  // The value: on the same line after the colon, or the first content line below.
  const lines = text.slice(m.index).split("\n", 400);
  const rest = lines[0].slice(m[0].length);
  const inline = rest.search(/\S/);
  if (inline >= 0 && rest[inline] !== "#") return { line, column: m[0].length + inline + 1 };
  for (let i = 1; i < lines.length; i++) {
    const col = lines[i].search(/\S/);
    if (col < 0 || lines[i][col] === "#") continue;
    return col === 0 && lines[i][0] !== "-" ? null : { line: line + i, column: col + 1 };
  }
  return null;
}

export function loadYaml(text: string, file: string): LoadedYaml {
  if (text.length <= LIMITS.maxFileBytes && !prescan(text)) {
    let value: unknown;
    let fast = true;
    try {
      value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, listener: noAnchors });
    } catch {
      fast = false; // anchors, syntax errors, duplicate keys...: the slow path handles them with positions
    }
    if (fast && !depthOfValue(value, 0) && !hasHugeString(value)) {
      let slow: LoadedYaml | null = null;
      const locate = (path: readonly PathSegment[], opts?: { key?: boolean }) => {
        if (path.length === 0) return { line: 1, column: 1 };
        const quick = path.length === 1 && typeof path[0] === "string" ? locateTopLevel(text, path[0], opts?.key ?? false) : null;
        if (quick) return quick;
        slow ??= loadYamlWithPositions(text, file);
        return slow.locate(path, opts);
      };
      return { value, problems: [], locate };
    }
  }
  return loadYamlWithPositions(text, file);
}
