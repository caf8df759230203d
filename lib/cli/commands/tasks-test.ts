// `windsock tasks test FILE TASK_ID`: run one task alone, ignoring its dependencies and
// retries, as Airflow's `tasks test` does. Upstream XComs are absent (pulls give null).
import { EXIT, UsageError, type Command } from "../command";
import { LOCAL_RUN_OPTIONS, loadSpec, localPorts, parseConf, parseLogicalDate } from "./local-run-options";

export const tasksTest: Command = {
  path: ["tasks", "test"],
  summary: "Run one task of FILE alone, ignoring its dependencies (Airflow's `tasks test`). Exit 0 on success or skip, 1 on failure, 2 when the file is invalid.",
  usage: "tasks test FILE TASK_ID [--logical-date ISO] [--conf JSON] [--json] [--deny-private-network] [--defaults airflow3|airflow2] [--dag-id ID]",
  options: { ...LOCAL_RUN_OPTIONS, conf: { type: "string" } },
  async run({ positionals, values, io }) {
    if (positionals.length !== 2) throw new UsageError("give a DAG file and a task id");
    const [file, taskId] = positionals;
    // Loaded here so other commands do not pay for the sandbox and operators.
    const [{ runTaskTry }, { ConfError, prepareManualRun }] = await Promise.all([
      import("../../operators/run-task-try"),
      import("../../operators/local/prepare-manual-run"),
    ]);
    const spec = await loadSpec(file, values, io);
    if (typeof spec === "number") return spec;
    const task = spec.tasks.find((t) => t.task_id === taskId);
    if (!task) {
      io.stderr(`${file}: DAG ${spec.dag_id} has no task "${taskId}"; its tasks are: ${spec.tasks.map((t) => t.task_id).join(", ")}\n`);
      return EXIT.usage;
    }
    const now = io.now();
    let run;
    try {
      run = prepareManualRun({ dag: spec, logicalDate: parseLogicalDate(values, now), now, conf: parseConf(values), runIdStyle: "temporary" });
    } catch (e) {
      if (e instanceof ConfError) throw new UsageError(e.message);
      throw e;
    }
    const ports = await localPorts(values, io);
    const result = await runTaskTry({
      dag: spec,
      task,
      run,
      try_number: 1,
      max_tries: task.retries,
      ports: { xcom: ports.xcom, http: ports.http, clock: ports.clock, log: ports.logFor(task.task_id, 1) },
      secrets: ports.secrets,
    });
    const out: Record<string, unknown> = { dag_id: spec.dag_id, run_id: run.run_id, task_id: task.task_id, state: result.state, try_number: 1 };
    if (result.state === "success" && result.return_value !== undefined) out.return_value = result.return_value;
    if (result.state === "rescheduled") out.reschedule_at = result.reschedule_at;
    if (values.json) io.stdout(JSON.stringify(out, null, 2) + "\n");
    else {
      const detail =
        result.state === "failed" ? `: ${result.error}` : result.state === "skipped" ? `: ${result.reason}` : result.state === "rescheduled" ? ` (a sensor in reschedule mode; it would poke again at ${result.reschedule_at})` : "";
      const value = "return_value" in out ? `\nreturn_value: ${JSON.stringify(out.return_value)}` : "";
      io.stdout(`Task ${task.task_id} of DAG ${spec.dag_id}: ${result.state}${detail}${value}\n`);
    }
    return result.state === "failed" ? EXIT.failure : EXIT.ok;
  },
};
