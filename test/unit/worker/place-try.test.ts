// Where a try runs (ARCHITECTURE.md, "How a task try runs"): its effective limit against the
// environment's local-activity threshold.
import { describe, expect, it } from "vitest";
import { placeTry, TRY_CEILING_MS } from "../../../workflows/dag-run-contract";

const env = { local_threshold_ms: 60_000, sandbox_timeout_ms: 30_000 };

describe("placeTry", () => {
  it.each([
    ["script, default sandbox deadline", { operator: "script", execution_timeout: null }, env, { kind: "local", limit_ms: 30_000 }],
    ["script with execution_timeout PT10M", { operator: "script", execution_timeout: 600_000 }, env, { kind: "regular", limit_ms: 600_000 }],
    ["script at exactly the threshold", { operator: "script", execution_timeout: 60_000 }, env, { kind: "local", limit_ms: 60_000 }],
    ["a sandbox deadline above the threshold", { operator: "branch", execution_timeout: null }, { local_threshold_ms: 10_000, sandbox_timeout_ms: 30_000 }, { kind: "regular", limit_ms: 30_000 }],
    ["empty", { operator: "empty", execution_timeout: null }, env, { kind: "local", limit_ms: 1000 }],
    ["http without a limit", { operator: "http", execution_timeout: null }, env, { kind: "regular", limit_ms: TRY_CEILING_MS }],
    ["http with a short limit", { operator: "http", execution_timeout: 5_000 }, env, { kind: "local", limit_ms: 5_000 }],
    [
      "a poke-mode sensor with the default 7-day timeout: regular, heartbeating, limited by its timeout",
      { operator: "time_delta_sensor", execution_timeout: null, sensor: { mode: "poke" as const, timeout: 7 * 86_400_000, poke_interval: 60_000 } },
      env,
      { kind: "regular", limit_ms: 7 * 86_400_000 + 60_000 },
    ],
    [
      "a poke-mode sensor with a short timeout is still regular",
      { operator: "http_sensor", execution_timeout: null, sensor: { mode: "poke" as const, timeout: 2_000, poke_interval: 1_000 } },
      env,
      { kind: "regular", limit_ms: 3_000 },
    ],
    [
      "a reschedule-mode clock sensor: one instant poke, local",
      { operator: "date_time_sensor", execution_timeout: null, sensor: { mode: "reschedule" as const, timeout: 7 * 86_400_000, poke_interval: 60_000 } },
      env,
      { kind: "local", limit_ms: 1000 },
    ],
    [
      "a reschedule-mode http_sensor: one short poke, local up to the threshold",
      { operator: "http_sensor", execution_timeout: null, sensor: { mode: "reschedule" as const, timeout: 7 * 86_400_000, poke_interval: 60_000 } },
      env,
      { kind: "local", limit_ms: 60_000 },
    ],
    ["threshold 0: everything regular", { operator: "script", execution_timeout: null }, { local_threshold_ms: 0, sandbox_timeout_ms: 30_000 }, { kind: "regular", limit_ms: 30_000 }],
  ])("%s", (_name, task, settings, expected) => {
    expect(placeTry(task, settings)).toEqual(expected);
  });
});
