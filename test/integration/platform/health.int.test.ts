import { afterAll, describe, expect, it } from "vitest";
import { checkHealth } from "../../../lib/server/services/health/check-health";
import { closeDb } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";

afterAll(async () => {
  await closeTemporalClient();
  await closeDb();
});

describe("health", () => {
  it("reports both parts ok against the real PostgreSQL and Temporal", async () => {
    expect(await checkHealth()).toEqual({ healthy: true, health: { database: "ok", temporal: "ok" } });
  });

  it("names the failing part", async () => {
    const result = await checkHealth({
      pingDatabase: async () => 1,
      pingTemporal: () => Promise.reject(new Error("connection refused")),
    });
    expect(result).toEqual({ healthy: false, health: { database: "ok", temporal: "unavailable" } });
  });

  it("does not hang on a dependency that never answers", async () => {
    const result = await checkHealth({ pingDatabase: () => new Promise(() => {}), pingTemporal: async () => 1 });
    expect(result.health.database).toBe("unavailable");
  });
});
