// PostgreSQL's jsonb keeps object keys in its own order (shortest first), so a stored
// spec's params come back reordered. The trigger form and the overview show them in the
// order the DAG file lists them, read from the raw file kept with the version.
import { loadYaml } from "./load-yaml";

/** The param names in file order, then any the file does not list (e.g. SDK-built specs). */
export function orderParams<T>(params: Record<string, T>, rawFile: string | null): [string, T][] {
  const names = Object.keys(params);
  let written: string[] = [];
  if (rawFile) {
    const loaded = loadYaml(rawFile, "dag");
    const value = loaded.value as { params?: unknown } | undefined;
    if (value && typeof value === "object" && value.params && typeof value.params === "object" && !Array.isArray(value.params)) {
      written = Object.keys(value.params).filter((k) => k in params);
    }
  }
  const rest = names.filter((n) => !written.includes(n));
  return [...written, ...rest].map((n) => [n, params[n]]);
}
