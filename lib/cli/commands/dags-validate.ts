// windsock dags validate PATH... — exit 0 when every file is valid, 1 with every error.
import { EXIT, UsageError, type Command } from "../command";
import { loadDagFile } from "../load-dag";
import { defaultsOption, printProblems, readDefaults } from "../options";

export const dagsValidate: Command = {
  path: ["dags", "validate"],
  summary:
    "Check DAG files (YAML, JSON, or TypeScript whose default export is a DAG or a list of DAGs) and print every problem with file, line and column.",
  usage: "dags validate PATH... [--dag-id ID] [--defaults airflow3|airflow2] [--json]",
  options: { ...defaultsOption, "dag-id": { type: "string" }, json: { type: "boolean" } },
  async run({ positionals, values, io }) {
    if (!positionals.length) throw new UsageError("give at least one DAG file");
    const defaults = readDefaults(values);
    const dagId = values["dag-id"] as string | undefined;
    let failed = 0;
    const report: unknown[] = [];
    for (const file of positionals) {
      for (const d of await loadDagFile(file, io.cwd, { defaults, dagId })) {
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
