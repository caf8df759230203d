// Shared parts of `dags test` and `tasks test`: loading the DAG file, parsing
// --logical-date / --conf, and the ports of an in-process run.
import { formatProblem } from "../../domain/dag/problems";
import type { DagSpec, DefaultsMode } from "../../domain/dag/spec";
import { parseInstant } from "../../domain/timetable/zone";
import type { DriverPorts } from "../../operators/run-driver";
import type { MemoryXComStore } from "../../operators/xcom/memory-xcom-store";
import { EXIT, UsageError, type CliIo, type OptionValues } from "../command";
import { loadDagFile } from "../load-dag";

export const LOCAL_RUN_OPTIONS = {
  "logical-date": { type: "string" },
  json: { type: "boolean" },
  defaults: { type: "string" },
  "deny-private-network": { type: "boolean" },
  "dag-id": { type: "string" },
} as const;

/** Loads and validates one DAG file; on problems prints them and returns the exit code (2). */
export async function loadSpec(file: string, values: OptionValues, io: CliIo): Promise<DagSpec | number> {
  const defaults = values.defaults as string | undefined;
  if (defaults !== undefined && defaults !== "airflow3" && defaults !== "airflow2") {
    throw new UsageError(`--defaults must be airflow3 or airflow2, not "${defaults}"`);
  }
  const dagId = values["dag-id"] as string | undefined;
  const loaded = await loadDagFile(file, io.cwd, { defaults: defaults as DefaultsMode | undefined, dagId });
  if (loaded.length !== 1) {
    const ids = loaded.map((l) => l.result.spec?.dag_id).filter(Boolean);
    io.stderr(`${file}: holds ${loaded.length} DAGs (${ids.join(", ")}); pick one with --dag-id\n`);
    return EXIT.usage;
  }
  const { result } = loaded[0];
  if (!result.ok || !result.spec) {
    for (const p of result.errors) io.stderr(formatProblem(p) + "\n");
    io.stderr(`${file}: invalid DAG file (${result.errors.length} error${result.errors.length === 1 ? "" : "s"}); nothing was run\n`);
    return EXIT.usage;
  }
  return result.spec;
}

export function parseLogicalDate(values: OptionValues, now: number): number {
  const text = values["logical-date"];
  if (text === undefined) return now;
  const ms = typeof text === "string" ? parseInstant(text, "UTC") : null;
  if (ms === null) throw new UsageError(`--logical-date "${String(text)}" is not an ISO-8601 date or instant, e.g. 2024-03-01 or 2024-03-01T06:00:00Z`);
  return ms;
}

export function parseConf(values: OptionValues): Record<string, unknown> {
  const text = values.conf;
  if (text === undefined) return {};
  let conf: unknown;
  try {
    conf = JSON.parse(String(text));
  } catch (e) {
    throw new UsageError(`--conf is not valid JSON: ${(e as Error).message}; give an object such as '{"limit": 5}'`);
  }
  if (conf === null || typeof conf !== "object" || Array.isArray(conf)) throw new UsageError(`--conf must be a JSON object such as '{"limit": 5}'`);
  return conf as Record<string, unknown>;
}

/** In-memory XCom, real clock, task logs on stderr, secrets from the environment; private networks allowed unless denied. */
export async function localPorts(values: OptionValues, io: CliIo): Promise<DriverPorts & { xcom: MemoryXComStore }> {
  const [{ createOutboundHttpClient }, { consoleTaskLogger }, { systemClock }, { MemoryXComStore }, { environmentSecretsPorts }] = await Promise.all([
    import("../../operators/http/outbound-http-client"),
    import("../../operators/local/console-task-logger"),
    import("../../operators/ports"),
    import("../../operators/xcom/memory-xcom-store"),
    import("../../operators/secrets/env-secrets"),
  ]);
  return {
    xcom: new MemoryXComStore(),
    http: createOutboundHttpClient({ allowPrivateNetwork: values["deny-private-network"] !== true }),
    clock: { now: io.now, sleep: systemClock.sleep },
    logFor: (task_id, try_number) => consoleTaskLogger(io.stderr, io.now, task_id, try_number),
    // As Airflow reads AIRFLOW_CONN_<ID> / AIRFLOW_VAR_<KEY> (issue 8).
    secrets: environmentSecretsPorts(process.env),
  };
}
