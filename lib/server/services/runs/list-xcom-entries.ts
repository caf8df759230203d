// The XCom values one task instance pushed in a run (the task page's XCom panel), keys in
// order, with their stored size. Values under keys that look secret ("password", "token",
// …, Airflow's sensitive names) are shown as "***", as Airflow's redact() does.
import { shouldHideValueForKey } from "../../../domain/connections";
import type { EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { findDagRun } from "./find-dag-run";

export interface XComListEntry {
  key: string;
  value: unknown;
  sizeBytes: number;
  timestamp: string;
}

export async function listXComEntries(access: EnvironmentAccess, dagId: string, runId: string, taskId: string): Promise<XComListEntry[]> {
  const run = await findDagRun(access.environment.id, dagId, runId);
  const rows = await db().xCom.findMany({ where: { dagRunId: run.id, taskId, dagRun: { organizationId: access.organization.id } }, orderBy: { key: "asc" } });
  return rows.map((r) => ({ key: r.key, value: shouldHideValueForKey(r.key) ? "***" : maskSensitiveKeys(r.value, 0), sizeBytes: r.sizeBytes, timestamp: r.createdAt.toISOString() }));
}

function maskSensitiveKeys(value: unknown, depth: number): unknown {
  if (depth > 64 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => maskSensitiveKeys(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: shouldHideValueForKey(k) ? "***" : maskSensitiveKeys(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
