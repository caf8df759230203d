// windsock dags validate PATH... — exit 0 when every file is valid, 1 with every error.
import { EXIT, UsageError, type Command } from "../command";
import { loadDagFile } from "../load-dag";
import { defaultsOption, printProblems, readDefaults } from "../options";

export const dagsValidate: Command = {
  path: ["dags", "validate"],
  summary:
    "Check DAG files (YAML, JSON, or TypeScript whose default export is a DAG or a list of DAGs; a directory means its YAML and JSON files) and print every problem with file, line and column.",
  usage: "dags validate PATH... [--dag-id ID] [--defaults airflow3|airflow2] [--json]",
  options: { ...defaultsOption, "dag-id": { type: "string" }, json: { type: "boolean" } },
  async run({ positionals, values, io }) {
    if (!positionals.length) throw new UsageError("give at least one DAG file");
    const defaults = readDefaults(values);
    const dagId = values["dag-id"] as string | undefined;
    let failed = 0;
    const report: unknown[] = [];
    const seen = new Map<string, string>(); // dag_id -> file, since dag_ids are unique per environment
    for (const file of positionals) {
      for (const d of await loadDagFile(file, io.cwd, { defaults, dagId })) {
        const id = d.result.spec?.dag_id;
        if (id !== undefined) {
          const other = seen.get(id);
          if (other !== undefined) {
            d.result.ok = false;
            d.result.errors.push({ severity: "error", file: d.file, line: null, column: null, path: "dag_id", message: `dag_id "${id}" is also defined in ${other}`, hint: "dag_ids are unique per environment; rename one" });
          } else seen.set(id, d.file);
        }
        printProblems(io, [...d.result.errors, ...d.result.warnings]);
        if (!d.result.ok) failed++;
        else if (!values.json) io.stderr(`${d.file}: ok (dag_id ${d.result.spec!.dag_id}, ${d.result.spec!.tasks.length} tasks)\n`);
        report.push({ file: d.file, ok: d.result.ok, dag_id: d.result.spec?.dag_id ?? null, errors: d.result.errors, warnings: d.result.warnings });
      }
    }
    if (values.json) io.stdout(JSON.stringify(report, null, 2) + "\n");
    if (failed) io.stderr(`${failed} invalid DAG${failed === 1 ? "" : "s"}\n`);
    return failed ? EXIT.failure : EXIT.ok;
  },
};
