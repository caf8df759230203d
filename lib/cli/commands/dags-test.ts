// `windsock dags test FILE`: one manual DagRun in this process, with the same state machine
// and operators as the hosted product. Stdout: the result only; stderr: each try's log.
import { EXIT, UsageError, type Command } from "../command";
import { LOCAL_RUN_OPTIONS, loadSpec, localPorts, parseConf, parseLogicalDate } from "./local-run-options";

export const dagsTest: Command = {
  path: ["dags", "test"],
  summary:
    "Run one manual DagRun of FILE locally (no server needed), honouring retries. Exit 0 when it succeeds, 1 when it fails, 2 when the file is invalid.",
  usage: "dags test FILE [--logical-date ISO] [--conf JSON] [--json] [--no-retry-delay] [--deny-private-network] [--defaults airflow3|airflow2] [--dag-id ID]",
  options: { ...LOCAL_RUN_OPTIONS, conf: { type: "string" }, "no-retry-delay": { type: "boolean" } },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1) throw new UsageError("give exactly one DAG file");
    // Loaded here so other commands do not pay for the sandbox and operators.
    const [{ driveRun }, { ConfError, prepareManualRun }, { runResultJson, runSummary }] = await Promise.all([
      import("../../operators/run-driver"),
      import("../../operators/local/prepare-manual-run"),
      import("../../operators/local/format-run-result"),
    ]);
    const spec = await loadSpec(positionals[0], values, io);
    if (typeof spec === "number") return spec;
    const now = io.now();
    let run;
    try {
      run = prepareManualRun({ dag: spec, logicalDate: parseLogicalDate(values, now), now, conf: parseConf(values) });
    } catch (e) {
      if (e instanceof ConfError) throw new UsageError(e.message);
      throw e;
    }
    io.stderr(`Running DAG ${spec.dag_id} as ${run.run_id} (logical date ${run.logical_date}, data interval ${run.data_interval_start} to ${run.data_interval_end})\n`);
    const started = Date.now();
    const result = await driveRun({ dag: spec, run, ports: await localPorts(values, io), noRetryDelay: values["no-retry-delay"] === true });
    const state = result.state.state === "success" ? "success" : "failed";
    if (values.json) io.stdout(JSON.stringify(runResultJson(spec, run.run_id, state, result.tasks), null, 2) + "\n");
    else io.stdout(runSummary(spec, run.run_id, state, result.tasks, Date.now() - started, result.state.message));
    return state === "success" ? EXIT.ok : EXIT.failure;
  },
};
