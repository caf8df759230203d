// depends_on_past and wait_for_downstream on the real stack (Airflow's PrevDagrunDep): a task
// whose instance in the DAG's previous run did not succeed waits, says why on its task
// instance, and runs as soon as an operator fixes the previous run; the first run of a DAG
// has no past and runs at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess, type Access } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { markTaskInstance } from "../../../lib/server/services/runs/mark-task-instance";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import { storeDag } from "../../factories/run-dags";
import { startTestWorker, tenantWithTriggerAccess, until, waitForRun } from "./support";

let access: Access<"dag.trigger">;
let mark: Access<"dag_run.mark">;
let env: string;
let worker: Awaited<ReturnType<typeof startTestWorker>>;

// `load` fails when the run's conf says so; `report` after it fails likewise.
const DAG = (dagId: string, field: string) => `dag_id: ${dagId}
schedule: null
tasks:
  - task_id: load
    operator: script
    ${field}: true
    code: |
      export default (ctx) => { if (ctx.dag_run.conf.fail_load) throw new Error("bad data"); return "loaded"; }
  - task_id: report
    operator: script
    upstream: [load]
    code: |
      export default (ctx) => { if (ctx.dag_run.conf.fail_report) throw new Error("report broke"); return "reported"; }
`;

beforeAll(async () => {
  let environment: { id: string; organizationId: string };
  let tenant;
  ({ tenant, access, environment } = await tenantWithTriggerAccess());
  env = environment.id;
  mark = await checkAccess(tenant.owner, "dag_run.mark", { environmentId: env });
  await storeDag(environment, DAG("past", "depends_on_past"));
  await storeDag(environment, DAG("downstream", "wait_for_downstream"));
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

const ti = (dagId: string, runId: string, taskId: string) => db().taskInstance.findFirstOrThrow({ where: { dagRun: { environmentId: env, dagId, runId }, taskId } });
const runState = async (dagId: string, runId: string) => (await db().dagRun.findFirstOrThrow({ where: { environmentId: env, dagId, runId } })).state;

describe("depends_on_past", () => {
  it("holds a task while its previous instance failed, and runs it once an operator fixes that", { timeout: 120_000 }, async () => {
    await triggerDagRun(access, { dag_id: "past", dag_run_id: "day_1", conf: { fail_load: true } });
    // No previous run: the first one runs at once (and fails on its own).
    expect((await waitForRun(env, "past", "day_1")).state).toBe("failed");
    expect(await ti("past", "day_1", "load")).toMatchObject({ state: "failed", tryNumber: 1 });

    await triggerDagRun(access, { dag_id: "past", dag_run_id: "day_2" });
    const waiting = await until("load of day_2 to say why it waits", async () => {
      const t = await ti("past", "day_2", "load");
      return t.reason?.startsWith("depends_on_past") ? t : false;
    });
    expect(waiting.reason).toContain("previous run day_1 is failed");
    expect(waiting.tryNumber).toBe(0);
    expect(await runState("past", "day_2")).toBe("running");

    await markTaskInstance(mark, "past", "day_1", "load", "success");
    expect((await waitForRun(env, "past", "day_2", 60_000)).state).toBe("success");
    expect(await ti("past", "day_2", "load")).toMatchObject({ state: "success", tryNumber: 1, reason: null });
    expect(await db().taskTry.count({ where: { dagRun: { environmentId: env, dagId: "past", runId: "day_2" }, taskId: "load" } })).toBe(1);
  });

  it("with wait_for_downstream also waits for the previous instance's downstream tasks", { timeout: 120_000 }, async () => {
    await triggerDagRun(access, { dag_id: "downstream", dag_run_id: "day_1", conf: { fail_report: true } });
    expect((await waitForRun(env, "downstream", "day_1")).state).toBe("failed");
    expect(await ti("downstream", "day_1", "load")).toMatchObject({ state: "success" });

    await triggerDagRun(access, { dag_id: "downstream", dag_run_id: "day_2" });
    const waiting = await until("load of day_2 to wait for report of day_1", async () => {
      const t = await ti("downstream", "day_2", "load");
      return t.reason?.startsWith("wait_for_downstream") ? t : false;
    });
    expect(waiting.reason).toContain("report (failed)");

    await markTaskInstance(mark, "downstream", "day_1", "report", "success");
    expect((await waitForRun(env, "downstream", "day_2", 60_000)).state).toBe("success");
  });
});
