// The ports through which operators reach the outside world. The worker wires them to
// PostgreSQL and real clocks; `dags test` to memory and stderr; tests to fakes.
import type { HttpClient } from "./http/outbound-http-client";

export type { HttpClient, HttpRequest, HttpResponse } from "./http/outbound-http-client";

export interface XComKey {
  dag_id: string;
  run_id: string;
  task_id: string;
  key: string;
}

/** XCom values are stored as JSON text; the size limit is checked before a write. */
export interface XComStore {
  set(key: XComKey, json: string): Promise<void>;
  get(key: XComKey): Promise<string | undefined>;
  /** Airflow clears a task's XComs when a new try starts. */
  clearTask(dag_id: string, run_id: string, task_id: string): Promise<void>;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

/** The log of one try. */
export interface TaskLogger {
  log(level: LogLevel, message: string): void;
}

export interface Clock {
  /** Epoch ms. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Another DAG's run in the same environment, as external_task_sensor reads it. */
export interface ExternalRun {
  run_id: string;
  state: string;
  /** States of the asked-for tasks that the run has (a task it lacks is absent). */
  tasks: Record<string, string>;
}

/**
 * Reads runs of other DAGs in the try's own environment (the worker scopes the query to it;
 * another tenant's runs are never visible). Absent in `windsock dags test`.
 */
export interface ExternalRunsPort {
  /** The latest run of `dag_id` with that logical date (ISO), with the states of `task_ids`; null if there is none. */
  findRun(q: { dag_id: string; logical_date: string; task_ids: string[] }): Promise<ExternalRun | null>;
}

export interface OperatorPorts {
  xcom: XComStore;
  log: TaskLogger;
  http: HttpClient;
  clock: Clock;
  externalRuns?: ExternalRunsPort;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
