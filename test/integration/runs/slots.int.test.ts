// Pools and max_active_tasks on the real stack: tries of one DAG never run more than
// max_active_tasks at once across its runs; tries in a pool never hold more than its slots
// across DAGs; a task waiting for a slot says why on its task instance; a task whose pool does
// not exist waits (as in Airflow) and starts once the pool is made. Overlap is read from the
// tries' recorded start and end, which are exactly when a try holds its slots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess, type Access } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { createPool } from "../../../lib/server/services/pools/create-pool";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import { storeDag } from "../../factories/run-dags";
import { startTestWorker, tenantWithTriggerAccess, until, waitForRun } from "./support";

let access: Access<"dag.trigger">;
let poolWrite: Access<"pool.write">;
let environment: { id: string; organizationId: string };
let worker: Awaited<ReturnType<typeof startTestWorker>>;

/** A script that keeps its slot for about `ms` (the sandbox has no timers; awaiting keeps it cooperative). */
const busy = (ms: number) => `code: |
      export default async (ctx) => {
        const end = Date.now() + ${ms};
        while (Date.now() < end) await ctx.xcom.pull("nothing_here");
        return "done";
      };`;

const parallelDag = (dagId: string, n: number, extra: { dag?: string; task?: string; ms?: number } = {}) => `dag_id: ${dagId}
schedule: null
${extra.dag ?? ""}
tasks:
${Array.from(
  { length: n },
  (_, i) => `  - task_id: t${i}
    operator: script
    ${extra.task ?? ""}
    ${busy(extra.ms ?? 400)}`,
).join("\n")}
`;

beforeAll(async () => {
  let tenant;
  ({ tenant, access, environment } = await tenantWithTriggerAccess());
  poolWrite = await checkAccess(tenant.owner, "pool.write", { environmentId: environment.id });
  await storeDag(environment, parallelDag("limited", 4, { dag: "max_active_tasks: 2" }));
  await storeDag(environment, parallelDag("loader_a", 2, { task: "pool: warehouse" }));
  await storeDag(environment, parallelDag("loader_b", 2, { task: "pool: warehouse" }));
  await storeDag(environment, parallelDag("orphan", 1, { task: "pool: not_made_yet" }));
  await storeDag(environment, parallelDag("plain", 3));
  await storeDag(environment, parallelDag("hog", 1, { task: "pool: single", ms: 4_000 }));
  await storeDag(
    environment,
    `dag_id: ranked
schedule: null
default_args: { pool: single, weight_rule: absolute }
tasks:
${["low:1", "high:10", "mid:5"].map((w) => `  - { task_id: ${w.split(":")[0]}, operator: script, priority_weight: ${w.split(":")[1]}, code: "export default () => 1" }`).join("\n")}
`,
  );
  await db().pool.createMany({
    data: [
      { organizationId: environment.organizationId, environmentId: environment.id, name: "warehouse", slots: 1 },
      { organizationId: environment.organizationId, environmentId: environment.id, name: "single", slots: 1 },
    ],
  });
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

/** The most tries (of these DAGs) that held a slot at the same instant, from their recorded [start, end). */
async function maxOverlap(dagIds: string[]): Promise<number> {
  const tries = await db().taskTry.findMany({ where: { dagRun: { environmentId: environment.id, dagId: { in: dagIds } } }, select: { startDate: true, endDate: true } });
  const edges = tries.flatMap((t) => [
    { at: t.startDate.getTime(), d: 1 },
    { at: (t.endDate ?? new Date()).getTime(), d: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.d - b.d); // an end before a start at the same ms
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.d));
  return most;
}

describe("slots", () => {
  it("runs at most max_active_tasks tries of a DAG at once, across its runs", { timeout: 120_000 }, async () => {
    await triggerDagRun(access, { dag_id: "limited", dag_run_id: "first" });
    await triggerDagRun(access, { dag_id: "limited", dag_run_id: "second" });
    const reason = await until("a task of 'limited' to say it waits", async () => {
      const t = await db().taskInstance.findFirst({ where: { dagRun: { environmentId: environment.id, dagId: "limited" }, reason: { contains: "max_active_tasks" } } });
      return t?.reason ?? false;
    });
    expect(reason).toMatch(/waiting: 2 tasks of this DAG are running, its max_active_tasks is 2/);
    expect((await waitForRun(environment.id, "limited", "first")).state).toBe("success");
    expect((await waitForRun(environment.id, "limited", "second")).state).toBe("success");
    expect(await db().taskTry.count({ where: { dagRun: { environmentId: environment.id, dagId: "limited" } } })).toBe(8);
    expect(await maxOverlap(["limited"])).toBe(2);
  });

  it("lets a pool's slots be held by one try at a time across DAGs, and says which pool a task waits for", { timeout: 120_000 }, async () => {
    await triggerDagRun(access, { dag_id: "loader_a", dag_run_id: "r" });
    await triggerDagRun(access, { dag_id: "loader_b", dag_run_id: "r" });
    const reason = await until("a loader task to wait for the warehouse pool", async () => {
      const t = await db().taskInstance.findFirst({ where: { dagRun: { environmentId: environment.id, dagId: { in: ["loader_a", "loader_b"] } }, reason: { contains: "warehouse" } } });
      return t?.reason ?? false;
    });
    expect(reason).toBe('waiting for a slot in pool "warehouse" (1 of 1 in use)');
    expect((await waitForRun(environment.id, "loader_a", "r")).state).toBe("success");
    expect((await waitForRun(environment.id, "loader_b", "r")).state).toBe("success");
    expect(await maxOverlap(["loader_a", "loader_b"])).toBe(1);
    const tries = await db().taskTry.findMany({ where: { dagRun: { environmentId: environment.id, dagId: "loader_a" } } });
    expect(tries.map((t) => [t.pool, t.poolSlots])).toEqual([
      ["warehouse", 1],
      ["warehouse", 1],
    ]);
    expect(await db().slotWaiter.count({ where: { environmentId: environment.id } })).toBe(0);
  });

  it("gives a freed slot to the waiting task of the highest priority_weight first", { timeout: 120_000 }, async () => {
    // The pool's one slot is taken, so all three tasks wait; then they get it heaviest first.
    await triggerDagRun(access, { dag_id: "hog", dag_run_id: "r" });
    await until("the hog to hold the slot", async () => (await db().taskTry.count({ where: { dagRun: { environmentId: environment.id, dagId: "hog" }, state: "running" } })) > 0 || false);
    await triggerDagRun(access, { dag_id: "ranked", dag_run_id: "r" });
    await until("all three ranked tasks to wait", async () => (await db().slotWaiter.count({ where: { environmentId: environment.id, dagId: "ranked" } })) === 3 || false);
    expect((await waitForRun(environment.id, "ranked", "r")).state).toBe("success");
    const tries = await db().taskTry.findMany({ where: { dagRun: { environmentId: environment.id, dagId: "ranked" } }, orderBy: { startDate: "asc" } });
    expect(tries.map((t) => t.taskId)).toEqual(["high", "mid", "low"]);
  });

  it("holds a task whose pool does not exist, and starts it once the pool is made", { timeout: 120_000 }, async () => {
    await triggerDagRun(access, { dag_id: "orphan", dag_run_id: "r" });
    const waiting = await until("the orphan task to say its pool is missing", async () => {
      const t = await db().taskInstance.findFirst({ where: { dagRun: { environmentId: environment.id, dagId: "orphan" }, taskId: "t0" } });
      return t?.reason?.includes("does not exist") ? t : false;
    });
    expect(waiting.reason).toContain('pool "not_made_yet"');
    expect(waiting.tryNumber).toBe(0);
    expect(await db().slotWaiter.count({ where: { environmentId: environment.id, pool: "not_made_yet" } })).toBe(1);
    // Made the way a user makes it (the service also tells the waiting run at once).
    await createPool(poolWrite, { name: "not_made_yet", slots: 2 });
    expect((await waitForRun(environment.id, "orphan", "r")).state).toBe("success");
    expect(await db().slotWaiter.count({ where: { environmentId: environment.id } })).toBe(0);
  });

  it("puts tries without a pool in the environment's default_pool of 128 slots, made on first use", { timeout: 60_000 }, async () => {
    await triggerDagRun(access, { dag_id: "plain", dag_run_id: "r" });
    expect((await waitForRun(environment.id, "plain", "r")).state).toBe("success");
    expect(await db().pool.findUnique({ where: { environmentId_name: { environmentId: environment.id, name: "default_pool" } } })).toMatchObject({ slots: 128 });
    const tries = await db().taskTry.findMany({ where: { dagRun: { environmentId: environment.id, dagId: "plain" } } });
    expect(new Set(tries.map((t) => t.pool))).toEqual(new Set(["default_pool"]));
    // Three tries at once: nothing held them back.
    expect(await maxOverlap(["plain"])).toBe(3);
  });
});
