// The worker's loops: the reconciler starts a run whose workflow start was lost (a crash
// between the insert and the start), and the scheduler creates due runs with the
// timetable's data intervals, one DAG row locked per worker, honouring max_active_runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextRuns } from "../../../lib/domain/timetable/timetables";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { cursorFields } from "../../../lib/server/services/dags/deploy-dag";
import { reconcileQueuedRuns } from "../../../lib/server/services/runs/reconcile-queued-runs";
import { scheduleDueRuns } from "../../../lib/server/services/runs/schedule-due-runs";
import { startBackgroundLoops } from "../../../worker/background-loops";
import { insertManualRun, storeDag } from "../../factories/run-dags";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "./support";

let environment: { id: string; organizationId: string };
let worker: Awaited<ReturnType<typeof startTestWorker>>;

beforeAll(async () => {
  ({ environment } = await tenantWithTriggerAccess());
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

const ONE_TASK = (id: string) => `dag_id: ${id}\nschedule: null\ntasks:\n  - { task_id: only, operator: script, code: "export default () => 1" }\n`;

/** The DagRun row as the trigger inserts it, then "the process dies" before the workflow start. */
async function insertWithoutStart(dag: Awaited<ReturnType<typeof storeDag>>, runId: string) {
  return insertManualRun(environment, dag, runId);
}

describe("reconciler", () => {
  it("starts a run left queued without its workflow, once", async () => {
    const dag = await storeDag(environment, ONE_TASK("crashy"));
    await insertWithoutStart(dag, "lost_start");
    // Too young: it may still be starting normally.
    expect(await reconcileQueuedRuns({ olderThanMs: 60_000 })).toBe(0);
    expect(await reconcileQueuedRuns({ olderThanMs: 0 })).toBe(1);
    expect(await reconcileQueuedRuns({ olderThanMs: 0 })).toBe(0);
    const run = await waitForRun(environment.id, "crashy", "lost_start");
    expect(run.state).toBe("success");
    expect(await db().taskTry.count({ where: { dagRunId: run.id } })).toBe(1);
  });

  it("runs in the worker's loop and leaves a paused DAG's runs queued", async () => {
    const dag = await storeDag(environment, ONE_TASK("crashy_loop"));
    const paused = await storeDag(environment, ONE_TASK("crashy_paused"), { paused: true });
    await insertWithoutStart(dag, "healed_by_loop");
    await insertWithoutStart(paused, "stays_queued");
    const loops = startBackgroundLoops({ reconcilerEveryMs: 200, reconcileAfterMs: 300, schedulerEveryMs: 60_000 });
    try {
      expect((await waitForRun(environment.id, "crashy_loop", "healed_by_loop")).state).toBe("success");
    } finally {
      await loops.stop();
    }
    const waiting = await db().dagRun.findUniqueOrThrow({ where: { environmentId_dagId_runId: { environmentId: environment.id, dagId: "crashy_paused", runId: "stays_queued" } } });
    expect(waiting).toMatchObject({ state: "queued", workflowStartedAt: null });
  });
});

describe("scheduler", () => {
  it("creates due runs with the timetable's data intervals, one per pass, up to max_active_runs", async () => {
    const hour = 3_600_000;
    const now = new Date(Math.floor(Date.now() / hour) * hour + 60_000);
    const start = new Date(now.getTime() - 60_000 - 3 * hour);
    const dag = await storeDag(
      environment,
      `dag_id: hourly\nschedule: "0 * * * *"\nstart_date: "${start.toISOString()}"\ncatchup: true\nmax_active_runs: 2\ntasks:\n  - { task_id: only, operator: empty }\n`,
    );
    await db().dag.update({ where: { environmentId_dagId: { environmentId: environment.id, dagId: "hourly" } }, data: cursorFields(dag.spec, null, now) });
    const expected = nextRuns(dag.spec.timetable, null, { earliest: start.getTime(), latest: null, catchup: true }, now.getTime(), 2);

    // Two schedulers at once: the DAG row is locked by one, the other skips it (or, if the
    // first has committed already, creates the next run): never the same run twice.
    const pass = () => scheduleDueRuns({ now, taskQueue: "nobody-polls-this" });
    const mine = (runs: { dagId: string }[]) => runs.filter((r) => r.dagId === "hourly").length;
    const [a, b] = await Promise.all([pass(), pass()]);
    let total = mine(a) + mine(b);
    expect(total).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i++) total += mine(await pass());
    // max_active_runs: 2 runs are queued, so no third one however often the loop comes by.
    expect(total).toBe(2);

    const runs = await db().dagRun.findMany({ where: { environmentId: environment.id, dagId: "hourly" }, orderBy: { logicalDate: "asc" } });
    expect(runs.map((r) => [r.runId, r.runType, r.dataIntervalStart?.getTime(), r.dataIntervalEnd?.getTime(), r.runAfter.getTime()])).toEqual(
      expected.map((e) => [`scheduled__${new Date(e.data_interval.start).toISOString().slice(0, 19)}+00:00`, "scheduled", e.data_interval.start, e.data_interval.end, e.run_after]),
    );
    const cursor = await db().dag.findUniqueOrThrow({ where: { environmentId_dagId: { environmentId: environment.id, dagId: "hourly" } } });
    expect(cursor.nextDagrunCreateAfter?.getTime()).toBe(nextRuns(dag.spec.timetable, null, { earliest: start.getTime(), latest: null, catchup: true }, now.getTime(), 3)[2].run_after);
  });

  it("leaves paused DAGs alone", async () => {
    const now = new Date();
    const dag = await storeDag(environment, `dag_id: paused_hourly\nschedule: "@hourly"\nstart_date: "2024-01-01T00:00:00Z"\ntasks:\n  - { task_id: only, operator: empty }\n`, { paused: true });
    await db().dag.update({ where: { environmentId_dagId: { environmentId: environment.id, dagId: "paused_hourly" } }, data: cursorFields(dag.spec, null, now) });
    await scheduleDueRuns({ now: new Date(now.getTime() + 2 * 3_600_000), taskQueue: "nobody-polls-this" });
    expect(await db().dagRun.count({ where: { environmentId: environment.id, dagId: "paused_hourly" } })).toBe(0);
  });

  it("runs a due DAG end to end from the worker's loop (catchup false: only the latest interval)", async () => {
    const now = new Date();
    const dag = await storeDag(
      environment,
      `dag_id: hourly_e2e\nschedule: "@hourly"\nstart_date: "${new Date(now.getTime() - 5 * 3_600_000).toISOString()}"\ncatchup: false\ntasks:\n  - { task_id: only, operator: script, code: "export default (ctx) => ctx.logical_date" }\n`,
    );
    await db().dag.update({ where: { environmentId_dagId: { environmentId: environment.id, dagId: "hourly_e2e" } }, data: cursorFields(dag.spec, null, now) });
    const loops = startBackgroundLoops({ schedulerEveryMs: 200, reconcilerEveryMs: 60_000 });
    try {
      let run = null;
      for (let i = 0; i < 100 && !run; i++) {
        run = await db().dagRun.findFirst({ where: { environmentId: environment.id, dagId: "hourly_e2e" } });
        if (!run) await new Promise((r) => setTimeout(r, 100));
      }
      expect(run).not.toBeNull();
      const done = await waitForRun(environment.id, "hourly_e2e", run!.runId);
      expect(done).toMatchObject({ state: "success", runType: "scheduled" });
      const expected = nextRuns(dag.spec.timetable, null, { earliest: Date.parse(dag.spec.start_date!), latest: null, catchup: false }, now.getTime(), 1)[0];
      expect(done.logicalDate?.getTime()).toBe(expected.data_interval.start);
    } finally {
      await loops.stop();
    }
    // catchup: false — one run for the latest interval, not five.
    expect(await db().dagRun.count({ where: { environmentId: environment.id, dagId: "hourly_e2e" } })).toBe(1);
  });
});
