// GET /api/health: each dependency answers within a short deadline or is reported down.
import { db } from "../../db";
import { temporalClient } from "../../temporal";

export type PartStatus = "ok" | "unavailable";
export interface Health {
  database: PartStatus;
  temporal: PartStatus;
}

const DEADLINE_MS = 3000;

function withDeadline<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("deadline exceeded")), DEADLINE_MS).unref?.()),
  ]);
}

async function probe(check: () => Promise<unknown>): Promise<PartStatus> {
  try {
    await withDeadline(check());
    return "ok";
  } catch {
    return "unavailable";
  }
}

export interface HealthDeps {
  pingDatabase: () => Promise<unknown>;
  pingTemporal: () => Promise<unknown>;
}

const defaultDeps: HealthDeps = {
  pingDatabase: () => db().$queryRaw`SELECT 1`,
  pingTemporal: async () => {
    const client = await temporalClient();
    await client.connection.withDeadline(Date.now() + DEADLINE_MS, () => client.workflowService.getSystemInfo({}));
  },
};

export async function checkHealth(deps: HealthDeps = defaultDeps): Promise<{ healthy: boolean; health: Health }> {
  const [database, temporal] = await Promise.all([probe(deps.pingDatabase), probe(deps.pingTemporal)]);
  return { healthy: database === "ok" && temporal === "ok", health: { database, temporal } };
}
