// A task that reads a secret variable and a connection from the environment's encrypted
// store and logs them (plainly and URL-encoded): the stored log holds *** only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { closeTemporalClient } from "../../../lib/server/temporal";
import { createConnection } from "../../../lib/server/services/connections/create-connection";
import { triggerDagRun } from "../../../lib/server/services/runs/trigger-dag-run";
import { createVariable } from "../../../lib/server/services/variables/create-variable";
import { storeDag } from "../../factories/run-dags";
import { startTestWorker, tenantWithTriggerAccess, waitForRun } from "./support";

let worker: Awaited<ReturnType<typeof startTestWorker>>;
afterAll(async () => {
  await worker?.stop();
  await closeTemporalClient();
  await closeDb();
});

const TOKEN = "planted-Secret-4711/xyz";
const PASSWORD = "hunter2-Very-Secret!";

describe("secrets in task logs", () => {
  let ctx: Awaited<ReturnType<typeof tenantWithTriggerAccess>>;
  beforeAll(async () => {
    ctx = await tenantWithTriggerAccess();
    worker = await startTestWorker();
  });

  it("leaves only *** in the stored log", async () => {
    const { tenant, access, environment } = ctx;
    await createVariable(await checkAccess(tenant.owner, "variable.write", { environmentId: environment.id }), { key: "api_token", value: TOKEN });
    await createConnection(await checkAccess(tenant.owner, "connection.write", { environmentId: environment.id }), {
      connection_id: "warehouse",
      conn_type: "postgres",
      host: "db.example.com",
      login: "etl",
      password: PASSWORD,
      port: 5432,
      schema: "dw",
    });
    await storeDag(
      environment,
      `dag_id: leaky
schedule: null
tasks:
  - task_id: leak
    operator: script
    code: |
      export default async (ctx) => {
        const token = await ctx.var("api_token");
        const conn = await ctx.conn("warehouse");
        console.log("token=" + token);
        console.log("url=" + encodeURIComponent(token));
        console.log("password=" + conn.password);
        throw new Error("failing with " + token);
      }
`,
    );
    const run = await triggerDagRun(access, { dag_id: "leaky" });
    const done = await waitForRun(environment.id, "leaky", run.dag_run_id);
    expect(done.state).toBe("failed");
    const attempt = await db().taskTry.findFirstOrThrow({ where: { dagRunId: done.id, taskId: "leak" }, include: { logChunks: { orderBy: { seq: "asc" } } } });
    const log = attempt.logChunks.map((c) => c.text).join("");
    expect(log).toContain("token=***");
    expect(log).toContain("password=***");
    for (const form of [TOKEN, Buffer.from(TOKEN).toString("base64"), encodeURIComponent(TOKEN), PASSWORD]) {
      expect(log).not.toContain(form);
      expect(attempt.error ?? "").not.toContain(form);
    }
    expect(attempt.error).toContain("failing with ***");
  });
});
