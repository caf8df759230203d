// Determinism, checked: DagRun histories replay against today's workflow code without a
// non-determinism error. Histories recorded by this test (retries with timers, a branch,
// a fan-out, continue-as-new) and the ones committed under test/fixtures/histories/ (so a
// change that breaks running workflows fails here). WINDSOCK_RECORD_HISTORIES=1 rewrites
// the committed ones; WINDSOCK_RECORD_HISTORIES=name,name only those.
import fs from "node:fs";
import path from "node:path";
import { historyFromJSON, historyToJSON } from "@temporalio/common/lib/proto-utils";
import { Worker } from "@temporalio/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../../../lib/server/db";
import { env } from "../../../lib/server/env";
import { closeTemporalClient, temporalClient } from "../../../lib/server/temporal";
import { dagRunWorkflowId } from "../../../lib/server/services/runs/start-dag-run-workflow";
import { workflowsPath } from "../../../worker/create-worker";
import { chainDagYaml, fanOutDagYaml, insertManualRun, storeDag } from "../../factories/run-dags";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "./support";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures/histories");
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

const DAGS: Record<string, string> = {
  retry_and_branch: `dag_id: retry_and_branch
schedule: null
tasks:
  - task_id: flaky
    operator: script
    retries: 2
    retry_delay: PT0.3S
    code: "export default (ctx) => { if (ctx.try_number < 3) throw new Error('try ' + ctx.try_number); return 1 }"
  - { task_id: pick, operator: branch, upstream: [flaky], code: "export default () => 'left'" }
  - { task_id: left, operator: script, upstream: [pick], code: "export default () => 'L'" }
  - { task_id: right, operator: script, upstream: [pick], code: "export default () => 'R'" }
  - { task_id: join, operator: empty, upstream: [left, right], trigger_rule: none_failed_min_one_success }
  - { task_id: doomed, operator: script, upstream: [join], code: "export default () => { throw new Error('no') }" }
  - { task_id: cleanup, operator: empty, upstream: [doomed], trigger_rule: all_done }
  - { task_id: never, operator: empty, upstream: [doomed] }
`,
  fan_out_20: fanOutDagYaml("fan_out_20", 20),
  chain_continue_as_new: chainDagYaml("chain_continue_as_new", 12, "execution_timeout: PT10M"),
  // Tries gated by depends_on_past (the previous-run check before each try) beside ungated ones.
  depends_on_past: `dag_id: depends_on_past
schedule: null
tasks:
  - { task_id: first, operator: script, depends_on_past: true, code: "export default () => 1" }
  - { task_id: free, operator: script, code: "export default () => 2" }
  - { task_id: second, operator: script, upstream: [first, free], wait_for_downstream: true, code: "export default () => 3" }
  - { task_id: last, operator: empty, upstream: [second] }
`,
  // Slots: a one-slot pool and max_active_tasks 2, so tries are refused, wait and are probed again.
  pool_of_one: `dag_id: pool_of_one
schedule: null
max_active_tasks: 2
tasks:
  - { task_id: start, operator: empty }
${[1, 2, 3, 4].map((i) => `  - { task_id: load_${i}, operator: script, upstream: [start], pool: replay_pool, code: "export default async (ctx) => { const end = Date.now() + 150; while (Date.now() < end) await ctx.xcom.pull('x'); return ${i} }" }`).join("\n")}
  - { task_id: other, operator: script, upstream: [start], code: "export default () => 0" }
  - { task_id: join, operator: empty, upstream: [load_1, load_2, load_3, load_4, other] }
`,
};

async function runAndFetch(name: string): Promise<{ workflowId: string; history: unknown }> {
  if (name === "pool_of_one") await db().pool.create({ data: { organizationId: environment.organizationId, environmentId: environment.id, name: "replay_pool", slots: 1 } });
  const dag = await storeDag(environment, DAGS[name]);
  const row = await insertManualRun(environment, dag, "replayed", new Date("2026-01-01T00:00:00Z"));
  const client = await temporalClient();
  const workflowId = dagRunWorkflowId(row);
  const historyBudget = name === "chain_continue_as_new" ? 30 : undefined;
  const handle = await client.workflow.start("dagRunWorkflow", { taskQueue: env().TEMPORAL_TASK_QUEUE, workflowId, args: [{ dagRunId: row.id, historyBudget }] });
  await waitForRun(environment.id, dag.dagId, "replayed");
  await client.workflow.getHandle(workflowId).result();
  // The last execution's history (continue-as-new: the run carried over from the one before).
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  if (name === "chain_continue_as_new") {
    const first = await client.workflow.getHandle(workflowId, handle.firstExecutionRunId).fetchHistory();
    expect(first.events?.some((e) => e.workflowExecutionContinuedAsNewEventAttributes)).toBe(true);
  }
  return { workflowId, history: JSON.parse(historyToJSON(history)) };
}

async function replayAll(histories: { workflowId: string; history: unknown }[]) {
  const results = [];
  for await (const r of Worker.runReplayHistories({ workflowsPath }, histories.map((h) => ({ workflowId: h.workflowId, history: historyFromJSON(h.history) })))) {
    results.push({ workflowId: r.workflowId, error: r.error ? String(r.error) : null });
  }
  return results;
}

describe("DagRun workflow replay", () => {
  it("replays the histories of runs made just now", async () => {
    const recorded: Record<string, { workflowId: string; history: unknown }> = {};
    for (const name of Object.keys(DAGS)) recorded[name] = await runAndFetch(name);
    const tis = await db().taskInstance.findMany({ where: { dagRun: { environmentId: environment.id, dagId: "retry_and_branch" } } });
    expect(Object.fromEntries(tis.map((t) => [t.taskId, t.state]))).toEqual({
      flaky: "success",
      pick: "success",
      left: "success",
      right: "skipped",
      join: "success",
      doomed: "failed",
      cleanup: "success",
      never: "upstream_failed",
    });
    const results = await replayAll(Object.values(recorded));
    expect(results.map((r) => r.error)).toEqual(results.map(() => null));
    const record = process.env.WINDSOCK_RECORD_HISTORIES;
    if (record) {
      for (const [name, h] of Object.entries(recorded)) {
        if (record === "1" || record.split(",").includes(name)) fs.writeFileSync(path.join(fixtures, `${name}.json`), JSON.stringify(h.history) + "\n");
      }
    }
  });

  it("replays the committed histories", async () => {
    const files = fs.readdirSync(fixtures).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const histories = files.map((f) => ({ workflowId: `fixture-${f}`, history: JSON.parse(fs.readFileSync(path.join(fixtures, f), "utf8")) }));
    const results = await replayAll(histories);
    expect(results.map((r) => r.error)).toEqual(results.map(() => null));
  });
});
