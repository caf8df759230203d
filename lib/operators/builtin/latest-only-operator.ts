// `latest_only` (Airflow's LatestOnlyOperator, providers-standard 1.21): downstream runs
// only for a manual run or when now falls in the window of the latest scheduled interval;
// otherwise every direct downstream is skipped. Like any branch, it returns the followed ids.
import { nextDagrunInfo } from "../../domain/timetable/timetables";
import type { OperatorOutcome, TaskTryRequest } from "../task-try";

export async function executeLatestOnly(req: TaskTryRequest): Promise<OperatorOutcome> {
  const all = [...req.task.downstream];
  const log = (m: string) => req.ports.log.log("info", m);
  if (req.run.run_type === "manual") {
    log("Manually triggered DAG_Run: allowing execution to proceed.");
    return follow(all);
  }
  const now = req.ports.clock.now();
  const dates = compareDates(req, now);
  if (!dates) {
    log("Last scheduled execution: allowing execution to proceed.");
    return follow(all);
  }
  const [left, right] = dates;
  log(`Checking latest only with left_window: ${iso(left)} right_window: ${iso(right)} now: ${iso(now)}`);
  if (!(left < now && now <= right)) {
    log("Not latest execution, skipping downstream.");
    return follow([]);
  }
  log("Latest, allowing execution to proceed.");
  return follow(all);
}

function follow(ids: string[]): OperatorOutcome {
  return { kind: "returned", value: ids, skip: { kind: "branch", follow: ids } };
}

function compareDates(req: TaskTryRequest, now: number): [number, number] | null {
  const runDate = Date.parse(req.run.logical_date ?? req.run.run_after);
  const start = req.run.data_interval_start ? Date.parse(req.run.data_interval_start) : runDate;
  const end = req.run.data_interval_end ? Date.parse(req.run.data_interval_end) : runDate;
  const current = { start, end };
  const tt = req.dag.timetable;
  // Airflow subtracts one microsecond; instants here have millisecond precision.
  const prev = nextDagrunInfo(tt, current, { earliest: null, latest: end - 1, catchup: true }, now);
  const left = prev ? prev.data_interval.end : start;
  const next = nextDagrunInfo(tt, current, { earliest: end, latest: null, catchup: true }, now);
  if (!next) return null;
  return [left, next.data_interval.end];
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
