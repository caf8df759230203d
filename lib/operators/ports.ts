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

export interface OperatorPorts {
  xcom: XComStore;
  log: TaskLogger;
  http: HttpClient;
  clock: Clock;
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
