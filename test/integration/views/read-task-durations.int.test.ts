// The Durations read: per task, how long it took in each of the last N runs (oldest first),
// nothing for a task that did not finish, tasks in file order, and scoped to the tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { readTaskDurations } from "../../../lib/server/services/dags/read-task-durations";
import { storeDag } from "../../factories/run-dags";
import { makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
let other: Tenant;
const envOf = (t: Tenant) => ({ id: t.environments.dev.id, organizationId: t.organization.id });
const YAML = `dag_id: etl_timing
schedule: null
tasks:
  - { task_id: extract, operator: empty }
  - { task_id: load, operator: empty, upstream: [extract] }
  - { task_id: report, operator: empty, upstream: [load] }
`;

// Per run (oldest first): extract, load, report in seconds; null = did not finish.
const PLAN: (number | null)[][] = [
  [2, 30, 1],
  [3, 45, 1],
  [2.5, 600, null],
  [4, 40, 2],
];

beforeAll(async () => {
  acme = await makeTenant("DurAcme");
  other = await makeTenant("DurOther");
  const dag = await storeDag(envOf(acme), YAML);
  for (const [r, secs] of PLAN.entries()) {
    const start = new Date(Date.UTC(2026, 10, 1 + r, 6));
    const run = await db().dagRun.create({
      data: { organizationId: acme.organization.id, environmentId: acme.environments.dev.id, dagId: "etl_timing", runId: `manual__${r}`, dagVersionId: dag.versionId, runType: "manual", state: secs.includes(null) ? "failed" : "success", runAfter: start, logicalDate: start },
    });
    await db().taskInstance.createMany({
      data: ["extract", "load", "report"].map((taskId, i) => ({
        dagRunId: run.id,
        taskId,
        operator: "empty",
        state: secs[i] === null ? "upstream_failed" : "success",
        tryNumber: secs[i] === null ? 0 : 1,
        startDate: secs[i] === null ? null : start,
        endDate: secs[i] === null ? null : new Date(start.getTime() + secs[i]! * 1000),
      })),
    });
  }
  await storeDag(envOf(other), YAML.replace("etl_timing", "their_timing"));
}, 120_000);
afterAll(() => closeDb());

describe("readTaskDurations", () => {
  it("gives each task's duration per run, oldest run first, null where the task did not finish", async () => {
    const access = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    const d = await readTaskDurations(access, "etl_timing");
    expect(d.runs.map((r) => r.runId)).toEqual(["manual__0", "manual__1", "manual__2", "manual__3"]);
    expect(d.runs[2]).toMatchObject({ state: "failed", date: "2026-11-03T06:00:00.000Z" });
    expect(d.tasks).toEqual([
      { taskId: "extract", durations: [2000, 3000, 2500, 4000] },
      { taskId: "load", durations: [30_000, 45_000, 600_000, 40_000] },
      { taskId: "report", durations: [1000, 1000, null, 2000] },
    ]);
  });

  it("reads only the last N runs", async () => {
    const access = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    const d = await readTaskDurations(access, "etl_timing", 2);
    expect(d.runs.map((r) => r.runId)).toEqual(["manual__2", "manual__3"]);
    expect(d.tasks.find((t) => t.taskId === "load")!.durations).toEqual([600_000, 40_000]);
  });

  it("answers not found for another tenant's DAG, and nothing of it leaks", async () => {
    const theirs = await checkAccess(other.owner, "dag.read", { environmentId: other.environments.dev.id });
    await expect(readTaskDurations(theirs, "etl_timing")).rejects.toMatchObject({ code: "not_found" });
    const mine = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    await expect(readTaskDurations(mine, "their_timing")).rejects.toMatchObject({ code: "not_found" });
    const own = await readTaskDurations(theirs, "their_timing");
    expect(own.runs).toEqual([]);
  });
});
