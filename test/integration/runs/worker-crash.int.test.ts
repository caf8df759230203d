// A worker process killed with SIGKILL in the middle of a try: a new worker takes the run
// over, the interrupted try is recorded as failed ("worker lost"), the task runs again as a
// new try without using a retry, and the run finishes. Workers here are real processes
// (`node --import tsx worker/main.ts`) on a task queue of their own.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { startDagRunWorkflow } from "../../../lib/server/services/runs/start-dag-run-workflow";
import { insertManualRun, storeDag } from "../../factories/run-dags";
import { spawnWorkerProcess, tenantWithTriggerAccess, waitForRun } from "./support";

const taskQueue = `${process.env.TEMPORAL_TASK_QUEUE}-crash`;
const children: ChildProcess[] = [];
let environment: { id: string; organizationId: string };

function spawnWorker() {
  const worker = spawnWorkerProcess(taskQueue);
  children.push(worker.child);
  return worker;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  ({ environment } = await tenantWithTriggerAccess());
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await closeTemporalClient();
  await closeDb();
});

async function runWithKill(dagId: string, taskExtra: string) {
  const dag = await storeDag(
    environment,
    `dag_id: ${dagId}
schedule: null
tasks:
  - task_id: slow
    operator: script
    retries: 0
${taskExtra}
    code: |
      export default (ctx) => {
        console.log("working on try " + ctx.try_number);
        if (ctx.try_number === 1) { const end = Date.now() + 8000; while (Date.now() < end) {} }
        return ctx.try_number;
      }
  - { task_id: after, operator: script, upstream: [slow], code: "export default () => 'done'" }
`,
  );
  const run = await insertManualRun(environment, dag, "killed");
  const first = spawnWorker();
  await startDagRunWorkflow(run, { taskQueue });
  await until("try 1 to run", () => db().taskTry.findFirst({ where: { dagRunId: run.id, taskId: "slow", tryNumber: 1, state: "running" } }));
  first.child.kill("SIGKILL");
  await new Promise((r) => first.child.once("exit", r));

  const second = spawnWorker();
  let done;
  try {
    done = await waitForRun(environment.id, dagId, "killed", 180_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nsecond worker said:\n${second.output()}`);
  } finally {
    second.child.kill("SIGTERM");
  }
  const tries = await db().taskTry.findMany({ where: { dagRunId: run.id }, orderBy: [{ taskId: "asc" }, { tryNumber: "asc" }] });
  // The tries first: when the run did not succeed, they say why.
  expect(tries.map((t) => [t.taskId, t.tryNumber, t.state, t.error])).toEqual([
    ["after", 1, "success", null],
    ["slow", 1, "failed", "worker lost"],
    ["slow", 2, "success", null],
  ]);
  expect(done.state).toBe("success");
  const ti = await db().taskInstance.findUniqueOrThrow({ where: { dagRunId_taskId: { dagRunId: run.id, taskId: "slow" } } });
  // retries: 0, yet it ran again: the lost try did not count.
  expect(ti).toMatchObject({ state: "success", tryNumber: 2 });
  const log = await db().taskLogChunk.findMany({ where: { tryId: tries[2].id } });
  expect(log.map((c) => c.text).join("")).toContain("working on try 2");
}

describe("a worker killed mid-try", () => {
  // Two worker processes start (tsx, workflow bundle) and the loss is noticed by timeouts:
  // generous limits, so a loaded machine does not fail the test.
  it("loses nothing when the try ran as a local activity", { timeout: 240_000 }, async () => {
    await runWithKill("killed_local", "");
  });

  it("loses nothing when the try ran as a regular activity (heartbeat timeout)", { timeout: 240_000 }, async () => {
    await runWithKill("killed_regular", "    execution_timeout: PT2M");
  });
});
