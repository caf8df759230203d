// Reads DAG files for local commands: YAML/JSON text, or a TypeScript module whose default
// export is a DAG (or a list of DAGs) built with the SDK, loaded through tsx.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { DagProblem } from "../domain/dag/problems";
import type { DefaultsMode } from "../domain/dag/spec";
import { validateDagValue, type ValidationResult } from "../domain/dag/validate-dag";
import { LIMITS, loadYaml } from "../domain/dag/load-yaml";

export interface LoadedDag {
  /** The path as the user gave it (shown in problems). */
  file: string;
  /** The DAG as written (file form), when it could be read. */
  source: unknown;
  result: ValidationResult;
}

export interface LoadOptions {
  defaults?: DefaultsMode;
  /** Picks one DAG from a .ts file that exports several. */
  dagId?: string;
}

const fileProblem = (file: string, message: string, hint?: string): DagProblem => ({
  severity: "error",
  file,
  line: null,
  column: null,
  path: "",
  message,
  hint,
});

const failed = (file: string, message: string, hint?: string): LoadedDag => ({
  file,
  source: undefined,
  result: { ok: false, spec: null, errors: [fileProblem(file, message, hint)], warnings: [] },
});

/** YAML and JSON files under a directory (recursively, skipping dot folders and node_modules), sorted. */
async function dagFilesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await dagFilesIn(full)));
    else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

export function isTypeScriptFile(file: string): boolean {
  return /\.(ts|mts|cts)$/.test(file);
}

/** Loads one path; a .ts file can hold several DAGs. */
export async function loadDagFile(file: string, cwd: string, opts: LoadOptions = {}): Promise<LoadedDag[]> {
  const abs = path.resolve(cwd, file);
  let info;
  try {
    info = await stat(abs);
  } catch {
    return [failed(file, "file not found", "check the path")];
  }
  if (info.isDirectory()) {
    const files = await dagFilesIn(abs);
    if (!files.length) return [failed(file, "no .yaml, .yml or .json files in this directory", "pass DAG files, e.g. dags/*.yaml")];
    const out: LoadedDag[] = [];
    for (const f of files) out.push(...(await loadDagFile(path.join(file, path.relative(abs, f)), cwd, opts)));
    return out;
  }
  if (isTypeScriptFile(file)) return loadTypeScript(file, abs, opts);
  if (info.size > LIMITS.maxFileBytes) {
    return [failed(file, `file is too large (${info.size} bytes; the limit is ${LIMITS.maxFileBytes})`, "split it into several DAG files")];
  }
  const text = await readFile(abs, "utf8");
  const loaded = loadYaml(text, file);
  if (loaded.problems.length) return [{ file, source: undefined, result: { ok: false, spec: null, errors: loaded.problems, warnings: [] } }];
  const result = validateDagValue(loaded.value, { file, defaults: opts.defaults }, loaded.locate);
  return [{ file, source: loaded.value, result }];
}

async function loadTypeScript(file: string, abs: string, opts: LoadOptions): Promise<LoadedDag[]> {
  let mod: { default?: unknown };
  try {
    const { tsImport } = await import("tsx/esm/api");
    mod = (await tsImport(pathToFileURL(abs).href, import.meta.url)) as { default?: unknown };
  } catch (e) {
    return [failed(file, `cannot load the TypeScript file: ${(e as Error).message}`, "fix the error above; `npx tsc --noEmit` shows type errors")];
  }
  let exported = mod.default;
  // A CommonJS-style interop wrapper can nest the default export once more.
  if (exported && typeof exported === "object" && !Array.isArray(exported) && "default" in exported && !("dag_id" in exported)) {
    exported = (exported as { default: unknown }).default;
  }
  if (exported === undefined) {
    return [failed(file, "has no default export", "end the file with `export default dag({...}, ...)` or an array of DAGs")];
  }
  const list = Array.isArray(exported) ? exported : [exported];
  let picked = list;
  if (opts.dagId !== undefined) {
    picked = list.filter((d) => d && typeof d === "object" && (d as { dag_id?: unknown }).dag_id === opts.dagId);
    if (!picked.length) {
      const ids = list.map((d) => (d as { dag_id?: unknown })?.dag_id).filter((x) => typeof x === "string");
      return [failed(file, `no DAG with dag_id "${opts.dagId}" in this file`, ids.length ? `it defines: ${ids.join(", ")}` : undefined)];
    }
  }
  return picked.map((d, i) => {
    const label = Array.isArray(exported) ? `${file}#${(d as { dag_id?: unknown })?.dag_id ?? i}` : file;
    const plain = toPlain(d);
    if (!plain) return failed(label, "the exported DAG cannot be written as JSON (a cycle between objects, or a BigInt)", "export plain data: strings, numbers, booleans, lists and objects");
    return { file: label, source: plain.value, result: validateDagValue(plain.value, { file: label, defaults: opts.defaults }) };
  });
}

/** Drops functions, class instances and undefined fields, as JSON would; null when it cannot (cycles, BigInt). */
function toPlain(v: unknown): { value: unknown } | null {
  try {
    return { value: JSON.parse(JSON.stringify(v) ?? "null") };
  } catch {
    return null;
  }
}
