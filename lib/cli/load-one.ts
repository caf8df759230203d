// Loads exactly one valid DAG for commands that work on one (next-runs, show, build).
import type { CliIo } from "./command";
import { UsageError } from "./command";
import { loadDagFile, type LoadedDag } from "./load-dag";
import { printProblems } from "./options";
import type { DefaultsMode } from "../domain/dag/spec";

/** Returns the loaded DAG, or null after printing why it cannot be used. */
export async function loadOneDag(
  io: CliIo,
  positionals: string[],
  opts: { defaults: DefaultsMode; dagId?: string },
): Promise<LoadedDag | null> {
  if (positionals.length !== 1) throw new UsageError(positionals.length ? "give exactly one DAG file" : "give a DAG file");
  const loaded = await loadDagFile(positionals[0], io.cwd, opts);
  if (loaded.length > 1) {
    const ids = loaded.map((d) => d.result.spec?.dag_id ?? d.file);
    io.stderr(`${positionals[0]}: defines ${loaded.length} DAGs (${ids.join(", ")}); pick one with --dag-id\n`);
    return null;
  }
  const d = loaded[0];
  printProblems(io, [...d.result.errors, ...d.result.warnings]);
  return d.result.ok ? d : null;
}
