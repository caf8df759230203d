// A script that computes for seconds (a busy loop, no awaits) runs on a sandbox thread of
// the worker process: meanwhile the same worker runs a chain of other tries to its end.
// On the worker's main thread (WINDSOCK_SANDBOX_THREADS=0, as before the threads) the chain
// waits until the computation ends; that run is here too, so this test shows the difference.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { startDagRunWorkflow } from "../../../lib/server/services/runs/start-dag-run-workflow";
import { insertManualRun, storeDag } from "../../factories/run-dags";
import { spawnWorkerProcess, tenantWithTriggerAccess, waitForRun } from "./support";

let environment: { id: string; organizationId: string };
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ({ environment } = await tenantWithTriggerAccess());
});
afterAll(async () => {
  await Promise.all(stops.map((s) => s()));
  await closeTemporalClient();
  await closeDb();
});

const quick = (id: string, upstream: string) => `  - { task_id: ${id}, operator: script, upstream: [${upstream}], code: "export default () => '${id}'" }\n`;

async function runBesideBusyScript(dagId: string, threads: string) {
  const taskQueue = `${process.env.TEMPORAL_TASK_QUEUE}-cpu-${threads}`;
  const worker = spawnWorkerProcess(taskQueue, { WINDSOCK_SANDBOX_THREADS: threads });
  stops.push(worker.stop);
  const dag = await storeDag(
    environment,
    `dag_id: ${dagId}
schedule: null
tasks:
  - task_id: crunch
    operator: script
    code: |
      export default () => { const end = Date.now() + 4000; let n = 0; while (Date.now() < end) n++; return n > 0; }
  - { task_id: step_1, operator: script, code: "export default () => 'step_1'" }
${quick("step_2", "step_1")}${quick("step_3", "step_2")}${quick("step_4", "step_3")}${quick("step_5", "step_4")}`,
  );
  const run = await insertManualRun(environment, dag, "cpu");
  await startDagRunWorkflow(run, { taskQueue });
  let done;
  try {
    done = await waitForRun(environment.id, dagId, "cpu", 120_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nworker said:\n${worker.output()}`);
  }
  expect(done.state).toBe("success");
  const tis = await db().taskInstance.findMany({ where: { dagRunId: run.id }, select: { taskId: true, startDate: true, endDate: true } });
  const at = Object.fromEntries(tis.map((t) => [t.taskId, { start: t.startDate!.getTime(), end: t.endDate!.getTime() }]));
  return { crunch: at.crunch, chainEnd: at.step_5.end, output: worker.output() };
}

describe("a CPU-bound script", () => {
  it("leaves the worker free to run other tries meanwhile (sandbox threads)", { timeout: 180_000 }, async () => {
    const { crunch, chainEnd, output } = await runBesideBusyScript("cpu_threads", "2");
    expect(output).toMatch(/2 sandbox threads/);
    // The five-step chain finished while crunch was still computing.
    expect(chainEnd).toBeLessThan(crunch.end);
  });

  it("blocks the worker when scripts run on its main thread (WINDSOCK_SANDBOX_THREADS=0)", { timeout: 180_000 }, async () => {
    const { crunch, chainEnd, output } = await runBesideBusyScript("cpu_main_thread", "0");
    expect(output).toMatch(/scripts on the main thread/);
    expect(chainEnd).toBeGreaterThan(crunch.end);
  });
});
