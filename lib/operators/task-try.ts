// What one task try gets and gives back, independent of where it runs (Temporal activity
// or `dags test`).
import type { DagSpec, TaskSpec } from "../domain/dag/spec";
import type { OperatorPorts } from "./ports";
import type { SandboxLimits } from "./sandbox/sandbox-limits";
import type { FieldRenderer } from "./templating/render-fields";
import type { SecretsPorts } from "./secrets/secrets-ports";
import type { TaskSecrets } from "./secrets/task-secrets";

export type RunType = "manual" | "scheduled" | "backfill" | "asset_triggered";

/** The DagRun a try belongs to. Instants are ISO-8601 UTC strings. */
export interface RunInfo {
  dag_id: string;
  run_id: string;
  run_type: RunType;
  logical_date: string | null;
  data_interval_start: string | null;
  data_interval_end: string | null;
  run_after: string;
  start_date: string | null;
  conf: Record<string, unknown>;
}

export interface OperatorSettings {
  /** Sandbox limits (environment setting); a task's execution_timeout replaces the time limit. */
  sandbox?: Partial<SandboxLimits>;
  /** Default 1 MiB. */
  xcomMaxBytes?: number;
  /** Variables for `var.value.KEY` in templates. */
  variables?: Record<string, string>;
}

export interface TaskTryRequest {
  dag: DagSpec;
  task: TaskSpec;
  run: RunInfo;
  try_number: number;
  max_tries: number;
  ports: OperatorPorts;
  settings?: OperatorSettings;
  signal?: AbortSignal;
  /** Renders templated fields; default: a fresh sandbox per call. */
  renderer?: FieldRenderer;
  /** Where connections and variables come from (worker: the encrypted store; dags test: the environment). */
  secrets?: SecretsPorts;
  /** Set by runTaskTry for the operators: this try's reads, registered with its masker. */
  taskSecrets?: TaskSecrets;
  /**
   * Receives the try's rendered template fields (Airflow's rendered_fields) once it ends,
   * masked with the try's masker and size-capped; not called when the task renders none.
   * Operators call it (through runTaskTry's collector) with each set of fields they render.
   */
  onRenderedFields?: (fields: Record<string, unknown>) => void;
  /**
   * A sensor try coming back from a reschedule: when its first poke started (epoch ms; the
   * sensor's timeout counts from there, as Airflow's) and how many pokes it made before.
   * Absent for a try's first poke.
   */
  sensor?: { started_at: number; pokes: number };
}

/** What a branch / short_circuit success means for downstream tasks (the driver turns it into a skip list). */
export type SkipDecision =
  | { kind: "branch"; follow: string[] }
  | { kind: "short_circuit"; ignore_downstream_trigger_rules: boolean };

export type TaskTryResult =
  | { state: "success"; return_value?: unknown; skip?: SkipDecision }
  | { state: "skipped"; reason: string }
  | { state: "failed"; error: string; retryable: boolean }
  /** A sensor in reschedule mode: the try gives its slot back and pokes again at reschedule_at (ISO). */
  | { state: "rescheduled"; reschedule_at: string };

/** What an operator's execute gives back before XCom handling. */
export type OperatorOutcome =
  | { kind: "returned"; value?: unknown; skip?: SkipDecision }
  | { kind: "skipped"; reason: string }
  /** Airflow's AirflowRescheduleException: poke again at `at` (epoch ms). */
  | { kind: "reschedule"; at: number };

/** Raised by an operator for a failure that must not be retried (Airflow's AirflowFailException). */
export class TaskFailure extends Error {
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
    this.name = "TaskFailure";
  }
}
