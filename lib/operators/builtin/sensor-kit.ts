// Airflow's BaseSensorOperator.execute for every sensor: poke until the condition holds or
// the sensor's timeout (counted from the try's first poke, across reschedules) runs out.
// mode poke waits in the try between pokes; mode reschedule ends the try after a failed poke
// with "poke again at T" (the engine's up_for_reschedule and a durable timer).
import { createHash } from "node:crypto";
import { SENSOR_DEFAULTS } from "../../domain/dag/spec";
import type { OperatorOutcome, TaskTryRequest } from "../task-try";
import { TaskFailure } from "../task-try";

/**
 * One poke's answer: `done` ends the sensor (its value, if any, is the return_value XCom);
 * `until`, when the sensor knows when its condition will hold (the time sensors), lets it
 * wait for exactly that instead of poking every poke_interval.
 */
export type PokeResult = { done: true; value?: unknown } | { done: false; until?: number };

export type Poke = (req: TaskTryRequest) => Promise<PokeResult>;

/** Raised by a poke to skip the task (Airflow's AirflowSkipException). */
export class SensorSkip extends Error {}

export async function runSensor(req: TaskTryRequest, poke: Poke): Promise<OperatorOutcome> {
  const { task, ports } = req;
  const clock = ports.clock;
  const pokeInterval = task.poke_interval ?? SENSOR_DEFAULTS.poke_interval;
  const timeout = task.timeout ?? SENSOR_DEFAULTS.timeout;
  const mode = task.mode ?? SENSOR_DEFAULTS.mode;
  const startedAt = req.sensor?.started_at ?? clock.now();
  let pokeCount = (req.sensor?.pokes ?? 0) + 1;
  for (;;) {
    let result: PokeResult;
    try {
      result = await poke(req);
    } catch (error) {
      if (error instanceof SensorSkip) return { kind: "skipped", reason: error.message };
      throw error;
    }
    if (result.done) {
      ports.log.log("info", "Success criteria met. Exiting.");
      return result.value === undefined ? { kind: "returned" } : { kind: "returned", value: result.value };
    }
    const now = clock.now();
    const runDuration = now - startedAt;
    if (runDuration > timeout) {
      const message = `Sensor has timed out; run duration of ${seconds(runDuration)} seconds is more than the specified timeout of ${seconds(timeout)}.`;
      // soft_fail: Airflow skips the task instead of failing it; a timeout is never retried.
      if (task.soft_fail) return { kind: "skipped", reason: `${message} Skipping due to soft_fail.` };
      throw new TaskFailure(message, false);
    }
    let wait = nextPokeInterval(req, { pokeInterval, timeout, runDuration, pokeCount, startedAt });
    // A sensor that knows when its condition holds waits for exactly then, but never past its timeout.
    if (result.until !== undefined) wait = Math.max(0, Math.min(result.until - now, startedAt + timeout - now + 1));
    if (mode === "reschedule") {
      const at = now + Math.max(wait, 1);
      ports.log.log("info", `Rescheduling: the sensor pokes again at ${new Date(at).toISOString()}.`);
      return { kind: "reschedule", at };
    }
    ports.log.log("info", result.until !== undefined ? `Not yet; waiting ${seconds(wait)} seconds.` : `Poke returned False; poking again in ${seconds(wait)} seconds.`);
    await clock.sleep(wait, req.signal);
    pokeCount++;
  }
}

/**
 * Airflow's _get_next_poke_interval: poke_interval, or with exponential_backoff a doubling
 * interval with a deterministic jitter (hash of dag, task, first poke and poke count), never
 * past the timeout. Seconds, as Airflow computes it.
 */
export function nextPokeInterval(
  req: Pick<TaskTryRequest, "dag" | "task">,
  p: { pokeInterval: number; timeout: number; runDuration: number; pokeCount: number; startedAt: number },
): number {
  if (!req.task.exponential_backoff) return p.pokeInterval;
  const minBackoff = Math.max(Math.floor((p.pokeInterval / 1000) * 2 ** (p.pokeCount - 2)), 1);
  const hash = createHash("sha1").update(`${req.dag.dag_id}#${req.task.task_id}#${new Date(p.startedAt).toISOString()}#${p.pokeCount}`).digest();
  const runHash = hash.readUInt32BE(0);
  const backoff = minBackoff + (runHash % minBackoff);
  const interval = Math.min(Math.floor((p.timeout - p.runDuration) / 1000), backoff);
  return Math.max(0, interval) * 1000;
}

function seconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}
