// Airflow's run_id format: "<run_type>__<isoformat>", e.g. "scheduled__2021-09-04T00:00:00+00:00".
// Scheduled runs use the logical date; manual runs the time they were triggered (run_after).
import { pythonIsoUtc } from "./zone";

export type DagRunType = "scheduled" | "manual" | "backfill" | "asset_triggered";

export function generateRunId(runType: DagRunType, epochMs: number): string {
  return `${runType}__${pythonIsoUtc(epochMs)}`;
}
