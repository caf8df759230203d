// windsock dags build FILE.ts — validates an SDK-built DAG and prints it as a JSON DAG file,
// ready to deploy (or, with --spec, the normalized DagSpec and its version hash).
import { EXIT, type Command } from "../command";
import { loadOneDag } from "../load-one";
import { defaultsOption, readDefaults } from "../options";
import { canonicalJson, specHash } from "../../domain/dag/canonical";

export const dagsBuild: Command = {
  path: ["dags", "build"],
  summary:
    "Print a DAG as JSON ready to deploy. For a TypeScript file, the DAG its default export builds; --spec prints the normalized DagSpec with its version hash instead.",
  usage: "dags build FILE [--dag-id ID] [--spec] [--defaults airflow3|airflow2]",
  options: { ...defaultsOption, "dag-id": { type: "string" }, spec: { type: "boolean" } },
  async run({ positionals, values, io }) {
    const loaded = await loadOneDag(io, positionals, { defaults: readDefaults(values), dagId: values["dag-id"] as string | undefined });
    if (!loaded) return EXIT.failure;
    const spec = loaded.result.spec!;
    if (values.spec) {
      io.stdout(JSON.stringify({ version: specHash(spec), spec: JSON.parse(canonicalJson(spec)) }, null, 2) + "\n");
    } else {
      const source = loaded.source ?? spec;
      io.stdout(JSON.stringify(source, null, 2) + "\n");
    }
    return EXIT.ok;
  },
};
