// The task page's reads (issue 10): a retried task keeps each try's rendered template
// fields, masked (a secret variable and a secret-named key show ***, nothing secret is
// stored); its XCom list is the caller's tenant's only; and a task that did not run gets
// the run engine's explanation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { AppError } from "../../../lib/server/errors";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { getTaskInstanceDetail } from "../../../lib/server/services/runs/get-task-instance-detail";
import { listXComEntries } from "../../../lib/server/services/runs/list-xcom-entries";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import { createVariable } from "../../../lib/server/services/variables/create-variable";
import { storeDag } from "../../factories/run-dags";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "./support";

let worker: Awaited<ReturnType<typeof startTestWorker>>;
let a: Awaited<ReturnType<typeof tenantWithTriggerAccess>>;
let b: Awaited<ReturnType<typeof tenantWithTriggerAccess>>;

const TOKEN = "tok-Very-Secret-0815";
const dagYaml = (rows: number) => `dag_id: tiview
schedule: null
params:
  name: { type: string, default: world }
tasks:
  - task_id: render
    operator: script
    retries: 1
    retry_delay: PT1S
    args:
      greeting: "hello {{ params.name }}"
      token: "{{ var.value.api_token }}"
      db_password: plain-but-named-secret
    code: |
      export default (ctx) => {
        console.log("greeting is " + ctx.args.greeting);
        ctx.xcom.push("stats", { rows: ${rows}, tables: ["a", "b"] });
        ctx.xcom.push("creds", { user: "etl", password: "pw-Not-Shown-77" });
        if (ctx.try_number === 1 && ${rows} === 3) throw new Error("first try fails");
        return { ok: true };
      }
  - { task_id: only_on_failure, operator: empty, upstream: [render], trigger_rule: all_failed }
`;

beforeAll(async () => {
  a = await tenantWithTriggerAccess();
  b = await tenantWithTriggerAccess();
  for (const t of [a, b]) {
    await createVariable(await checkAccess(t.tenant.owner, "variable.write", { environmentId: t.environment.id }), { key: "api_token", value: TOKEN });
  }
  await storeDag(a.environment, dagYaml(3));
  await storeDag(b.environment, dagYaml(99));
  worker = await startTestWorker();
  await Promise.all([
    triggerDagRun(a.access, { dag_id: "tiview", dag_run_id: "shared_run" }),
    triggerDagRun(b.access, { dag_id: "tiview", dag_run_id: "shared_run" }),
  ]);
  await Promise.all([waitForRun(a.environment.id, "tiview", "shared_run"), waitForRun(b.environment.id, "tiview", "shared_run")]);
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

describe("task instance page reads", () => {
  it("keeps every try's rendered template fields, with secrets masked", async () => {
    const detail = await getTaskInstanceDetail(a.access, "tiview", "shared_run", "render");
    expect(detail.task).toMatchObject({ state: "success", tryNumber: 2, operator: "script" });
    expect(detail.tries.map((t) => [t.tryNumber, t.state])).toEqual([
      [1, "failed"],
      [2, "success"],
    ]);
    for (const t of detail.tries) {
      expect(t.renderedFields).toEqual({ args: { greeting: "hello world", token: "***", db_password: "***" } });
    }
    expect(detail.explanation).toBeNull();
    const stored = await db().$queryRaw<{ text: string }[]>`
      SELECT rendered_fields::text AS text FROM task_try t JOIN dag_run r ON r.id = t.dag_run_id
      WHERE r.environment_id = ${a.environment.id} AND t.task_id = 'render'`;
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row.text).not.toContain(TOKEN);
      expect(row.text).not.toContain("plain-but-named-secret");
    }
  });

  it("lists the task's XCom of the caller's own run only", async () => {
    const mine = await listXComEntries(a.access, "tiview", "shared_run", "render");
    expect(mine.map((x) => [x.key, x.value])).toEqual([
      // Values under secret-looking keys are shown masked, as Airflow's redact() does.
      ["creds", { user: "etl", password: "***" }],
      ["return_value", { ok: true }],
      ["stats", { rows: 3, tables: ["a", "b"] }],
    ]);
    expect(mine.every((x) => x.sizeBytes > 0)).toBe(true);
    const theirs = await listXComEntries(b.access, "tiview", "shared_run", "render");
    expect(theirs.find((x) => x.key === "stats")?.value).toEqual({ rows: 99, tables: ["a", "b"] });

    await triggerDagRun(a.access, { dag_id: "tiview", dag_run_id: "only_in_a" });
    await waitForRun(a.environment.id, "tiview", "only_in_a");
    await expect(listXComEntries(b.access, "tiview", "only_in_a", "render")).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
    await expect(getTaskInstanceDetail(b.access, "tiview", "only_in_a", "render")).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
  });

  it("explains why a task did not run: its recorded trigger-rule decision, or the engine's view of a run not started", async () => {
    const skipped = await getTaskInstanceDetail(a.access, "tiview", "shared_run", "only_on_failure");
    expect(skipped.task.state).toBe("skipped");
    expect(skipped.tries).toEqual([]);
    expect(skipped.explanation).toMatch(/all_failed/);

    await storeDag(a.environment, dagYaml(3).replace("dag_id: tiview", "dag_id: tiview_paused"), { paused: true });
    await triggerDagRun(a.access, { dag_id: "tiview_paused", dag_run_id: "waiting" });
    const waiting = await getTaskInstanceDetail(a.access, "tiview_paused", "waiting", "only_on_failure");
    expect(waiting.task.state).toBe("none");
    expect(waiting.explanation).toMatch(/has not started yet/);
    expect(waiting.explanation).toMatch(/every upstream to fail/);
  });
});
