// Builds DagSpecs from YAML and runs them in-process with memory ports, for operator tests.
import { validateDagText } from "../../../lib/domain/dag/validate-dag";
import type { DagSpec } from "../../../lib/domain/dag/spec";
import { createOutboundHttpClient, type HttpClient } from "../../../lib/operators/http/outbound-http-client";
import { driveRun, type DrivenRun } from "../../../lib/operators/run-driver";
import { runTaskTry } from "../../../lib/operators/run-task-try";
import type { Clock, TaskLogger } from "../../../lib/operators/ports";
import { prepareManualRun } from "../../../lib/operators/local/prepare-manual-run";
import type { OperatorSettings, RunInfo, TaskTryResult } from "../../../lib/operators/task-try";
import { MemoryXComStore } from "../../../lib/operators/xcom/memory-xcom-store";
import type { SecretsPorts } from "../../../lib/operators/secrets/secrets-ports";

export function specOf(yaml: string): DagSpec {
  const result = validateDagText(yaml, { file: "test.yaml" });
  if (!result.ok || !result.spec) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.spec;
}

export const fixedClock = (ms: number): Clock => ({ now: () => ms, sleep: async () => undefined });

export interface Harness {
  xcom: MemoryXComStore;
  logs: string[];
  http: HttpClient;
  clock: Clock;
}

export function harness(opts: { now?: number; http?: HttpClient } = {}): Harness {
  return {
    xcom: new MemoryXComStore(),
    logs: [],
    http: opts.http ?? createOutboundHttpClient({ allowPrivateNetwork: true }),
    clock: opts.now === undefined ? { now: () => Date.now(), sleep: async () => undefined } : fixedClock(opts.now),
  };
}

const logger = (h: Harness, task_id: string, try_number: number): TaskLogger => ({
  log: (level, message) => h.logs.push(`${task_id}#${try_number} ${level} ${message}`),
});

export function manualRun(dag: DagSpec, logicalDate = "2024-03-01T00:00:00Z", conf: Record<string, unknown> = {}): RunInfo {
  return prepareManualRun({ dag, logicalDate: Date.parse(logicalDate), now: Date.parse(logicalDate) + 3600_000, conf });
}

export async function runDag(
  yaml: string,
  opts: { h?: Harness; run?: Partial<RunInfo>; conf?: Record<string, unknown>; settings?: OperatorSettings; noRetryDelay?: boolean; secrets?: SecretsPorts } = {},
): Promise<DrivenRun & { h: Harness; dag: DagSpec; run: RunInfo }> {
  const dag = specOf(yaml);
  const h = opts.h ?? harness();
  const run = { ...manualRun(dag, undefined, opts.conf), ...opts.run };
  const result = await driveRun({
    dag,
    run,
    ports: { xcom: h.xcom, http: h.http, clock: h.clock, logFor: (t, n) => logger(h, t, n), secrets: opts.secrets },
    settings: opts.settings,
    noRetryDelay: opts.noRetryDelay ?? true,
  });
  return { ...result, h, dag, run };
}

export async function runOneTask(
  yaml: string,
  taskId: string,
  opts: { h?: Harness; run?: Partial<RunInfo>; settings?: OperatorSettings; try_number?: number } = {},
): Promise<TaskTryResult & { h: Harness }> {
  const dag = specOf(yaml);
  const h = opts.h ?? harness();
  const task = dag.tasks.find((t) => t.task_id === taskId)!;
  const run = { ...manualRun(dag), ...opts.run };
  const result = await runTaskTry({
    dag,
    task,
    run,
    try_number: opts.try_number ?? 1,
    max_tries: task.retries,
    ports: { xcom: h.xcom, http: h.http, clock: h.clock, log: logger(h, taskId, opts.try_number ?? 1) },
    settings: opts.settings,
  });
  return { ...result, h };
}

export const states = (r: DrivenRun) => Object.fromEntries(Object.entries(r.tasks).map(([k, v]) => [k, v.state]));
