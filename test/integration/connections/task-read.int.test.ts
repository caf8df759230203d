// "Done means": a task reads a connection and a variable through the worker's port from
// the encrypted store, and each read is an audit event whose principal is that DagRun.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient, temporalClient } from "../../../lib/server/temporal";
import { dagRunWorkflowId } from "../../../lib/server/services/runs/start-dag-run-workflow";
import { createConnection } from "../../../lib/server/services/connections/create-connection";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import { createVariable } from "../../../lib/server/services/variables/create-variable";
import { storeDag } from "../../factories/run-dags";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "../runs/support";
import { planted } from "./helpers";

let worker: Awaited<ReturnType<typeof startTestWorker>>;
let ctx: Awaited<ReturnType<typeof tenantWithTriggerAccess>>;
beforeAll(async () => {
  ctx = await tenantWithTriggerAccess();
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

describe("a task reading connections and variables", () => {
  it("gets the decrypted values at run time, audited as its DagRun", async () => {
    const { tenant, access, environment } = ctx;
    const password = planted("task");
    await createConnection(await checkAccess(tenant.owner, "connection.write", { environmentId: environment.id }), {
      connection_id: "warehouse",
      conn_type: "postgres",
      host: "db.example.com",
      login: "etl",
      password,
    });
    await createVariable(await checkAccess(tenant.owner, "variable.write", { environmentId: environment.id }), { key: "region", value: "eu-central-1" });
    await storeDag(
      environment,
      `dag_id: reader
schedule: null
tasks:
  - task_id: read
    operator: script
    code: |
      export default async (ctx) => {
        const conn = await ctx.conn("warehouse");
        const region = await ctx.var("region");
        return { host: conn.host, password_length: conn.password.length, region };
      }
`,
    );
    const run = await triggerDagRun(access, { dag_id: "reader" });
    const done = await waitForRun(environment.id, "reader", run.dag_run_id);
    expect(done.state).toBe("success");

    const events = await db().auditEvent.findMany({ where: { organizationId: tenant.organization.id, principalType: "dag_run" }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.action, e.principalId, e.principalName])).toEqual([
      ["connection.decrypt", done.id, `reader/${run.dag_run_id}`],
      ["variable.read", done.id, `reader/${run.dag_run_id}`],
    ]);
    expect(events[0].summary).toMatchObject({ purpose: "task", connection_id: "warehouse", task_id: "read", try_number: 1 });
    expect(JSON.stringify(events)).not.toContain(password);

    // The value reached the task (its length) but is in neither XCom nor the workflow's history.
    const xcom = await db().xCom.findMany({ where: { dagRunId: done.id } });
    expect(JSON.stringify(xcom)).toContain(`"password_length":${password.length}`);
    expect(JSON.stringify(xcom)).not.toContain(password);
    const history = await (await temporalClient()).workflow.getHandle(dagRunWorkflowId({ environmentId: environment.id, dagId: "reader", runId: run.dag_run_id })).fetchHistory();
    const historyText = JSON.stringify(history, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString("utf8") : v));
    expect(historyText).toContain("reader");
    expect(historyText).not.toContain(password);
  });
});
