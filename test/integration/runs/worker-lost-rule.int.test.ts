// The worker-lost rule in the workflow alone (fake activities, the real Temporal dev server):
// a lost try runs again as a new try without using a retry, twice at most; a third loss
// counts as a failure of the task.
import { randomUUID } from "node:crypto";
import { NativeConnection, Worker } from "@temporalio/worker";
import { afterAll, describe, expect, it } from "vitest";
import type { RunDag } from "../../../lib/domain/run";
import { env } from "../../../lib/server/env";
import { closeTemporalClient, temporalClient } from "../../../lib/server/temporal";
import { workflowsPath } from "../../../worker/create-worker";
import type { RecordStatesInput, RunPlan, RunTryInput, RunTryOutput } from "../../../workflows/dag-run-contract";

afterAll(closeTemporalClient);

const dag: RunDag = {
  dag_id: "fake",
  dagrun_timeout: null,
  tasks: [
    { task_id: "a", upstream: [], trigger_rule: "all_success", retries: 0, retry_delay: 1000, retry_exponential_backoff: 0, max_retry_delay: null, execution_timeout: null, operator: "script" },
    { task_id: "b", upstream: ["a"], trigger_rule: "all_success", retries: 0, retry_delay: 1000, retry_exponential_backoff: 0, max_retry_delay: null, execution_timeout: null, operator: "script" },
  ],
};

async function runWith(lostTries: number) {
  const tries: RunTryInput[] = [];
  const writes: RecordStatesInput[] = [];
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const at = () => new Date((clock += 10)).toISOString();
  const activities = {
    async loadDagRun(dagRunId: string): Promise<RunPlan> {
      return { dagRunId, dag, run_id: "r", logical_date: null, db_state: "queued", start_date: at(), now: at(), local_threshold_ms: 60_000, sandbox_timeout_ms: 30_000 };
    },
    async runTry(input: RunTryInput): Promise<RunTryOutput> {
      tries.push(input);
      const lost = input.task_id === "a" && tries.filter((t) => t.task_id === "a").length <= lostTries;
      return { started_at: at(), ended_at: at(), result: lost ? { state: "lost" } : { state: "success" } };
    },
    async recordStates(input: RecordStatesInput) {
      writes.push(input);
    },
  };
  const connection = await NativeConnection.connect({ address: env().TEMPORAL_ADDRESS });
  const taskQueue = `lost-rule-${randomUUID()}`;
  const worker = await Worker.create({ connection, taskQueue, workflowsPath, activities });
  try {
    const client = await temporalClient();
    const result = await worker.runUntil(client.workflow.execute("dagRunWorkflow", { taskQueue, workflowId: `lost-rule-${randomUUID()}`, args: [{ dagRunId: "fake-run" }] }));
    return { result, tries, writes };
  } finally {
    await connection.close();
  }
}

describe("the worker-lost rule", () => {
  it("runs a lost try again as a new try, without using a retry, twice", async () => {
    const { result, tries, writes } = await runWith(2);
    expect(result).toEqual({ state: "success" });
    expect(tries.map((t) => [t.task_id, t.try_number, t.max_tries])).toEqual([
      ["a", 1, 0],
      ["a", 2, 1],
      ["a", 3, 2],
      ["b", 1, 0],
    ]);
    expect(writes.at(-1)?.run?.state).toBe("success");
  });

  it("counts a third loss as a failure of the task", async () => {
    const { result, tries, writes } = await runWith(3);
    expect(result).toEqual({ state: "failed" });
    expect(tries.map((t) => [t.task_id, t.try_number])).toEqual([
      ["a", 1],
      ["a", 2],
      ["a", 3],
    ]);
    const a = writes.flatMap((w) => w.tasks).filter((t) => t.task_id === "a").at(-1);
    expect(a).toMatchObject({ state: "failed", try_number: 3 });
    expect(a?.reason).toContain("worker lost (3 times)");
  });
});
