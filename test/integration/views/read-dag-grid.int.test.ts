// The Grid's read: the last N runs oldest → newest with every task instance in its cell, only
// from the caller's environment, and fast on a large DAG (500 tasks × 25 runs, 30 runs stored).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { closeDb } from "../../../lib/server/db";
import { readDagGrid } from "../../../lib/server/services/dags/read-dag-grid";
import { fanOutDagYaml, storeDag } from "../../factories/run-dags";
import { seedFinishedRuns } from "../../factories/grid-runs";
import { makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
let other: Tenant;
const TASKS = 500;
const RUNS = 30;

beforeAll(async () => {
  acme = await makeTenant("GridAcme");
  other = await makeTenant("GridOther");
  const big = await storeDag({ id: acme.environments.dev.id, organizationId: acme.organization.id }, fanOutDagYaml("big_grid", TASKS - 2));
  const envOf = (t: Tenant) => ({ id: t.environments.dev.id, organizationId: t.organization.id });
  await seedFinishedRuns(envOf(acme), { dagId: "big_grid", versionId: big.versionId, taskIds: big.spec.tasks.map((t) => t.task_id) }, { runs: RUNS, failTask: "f0" });
  const foreign = await storeDag({ id: other.environments.dev.id, organizationId: other.organization.id }, fanOutDagYaml("big_grid", 2));
  await seedFinishedRuns(envOf(other), { dagId: "big_grid", versionId: foreign.versionId, taskIds: foreign.spec.tasks.map((t) => t.task_id) }, { runs: 1 });
}, 120_000);
afterAll(() => closeDb());

describe("readDagGrid", () => {
  it("returns the last 25 runs oldest first, every task's cell, and the failed one with its reason", async () => {
    const access = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    const grid = await readDagGrid(access, "big_grid", 25);
    expect(grid.runs).toHaveLength(25);
    expect(grid.runs[0].runId).toBe("scheduled__005");
    expect(grid.runs.at(-1)!.runId).toBe("scheduled__029");
    expect(Object.keys(grid.cells)).toHaveLength(TASKS);
    const newest = Date.UTC(2026, 0, 1, RUNS - 1);
    expect(grid.cells["f0"].at(-1)).toEqual(["failed", 1, 1, newest, newest + 1000, "Try 1 failed: boom"]);
    expect(grid.cells["f0"][0]).toEqual(["success", 1, 1, Date.UTC(2026, 0, 1, RUNS - 25), Date.UTC(2026, 0, 1, RUNS - 25) + 1000]);
  });

  it("reads 500 tasks × 25 runs quickly (warm)", async () => {
    const access = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    await readDagGrid(access, "big_grid", 25);
    const t0 = performance.now();
    await readDagGrid(access, "big_grid", 25);
    const elapsed = performance.now() - t0;
    console.log(`readDagGrid 500 tasks × 25 runs: ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1500);
  });

  it("never shows another tenant's runs of a DAG with the same id", async () => {
    const access = await checkAccess(other.owner, "dag.read", { environmentId: other.environments.dev.id });
    const grid = await readDagGrid(access, "big_grid", 25);
    expect(grid.runs).toHaveLength(1);
    expect(Object.keys(grid.cells).sort()).toEqual(["f0", "f1", "join", "start"]);
  });
});
