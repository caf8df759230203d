// Pause and unpause (operator), delete keeping history vs purge (editor): what a user sees
// afterwards through the API, and what is left in PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../../app/api/v1/environments/[env]/dags/route";
import { DELETE, GET as GET_DAG, PATCH } from "../../../app/api/v1/environments/[env]/dags/[dag_id]/route";
import { GET as GET_VERSIONS } from "../../../app/api/v1/environments/[env]/dags/[dag_id]/versions/route";
import type { Principal } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { callRoute, dagYaml } from "../../factories/dags";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
let globex: Tenant;
let env: string;
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  env = acme.environments.dev.id;
});
afterAll(closeDb);

const deploy = (who: Principal, body: string) => callRoute(who, POST, { env }, { method: "POST", body, contentType: "application/yaml" });
const patch = (who: Principal, dagId: string, body: string, environment = env) =>
  callRoute(who, PATCH, { env: environment, dag_id: dagId }, { method: "PATCH", body, contentType: "application/json" });
const remove = (who: Principal, dagId: string, query = "", environment = env) => callRoute(who, DELETE, { env: environment, dag_id: dagId }, { method: "DELETE", query });

/** A finished run with a task instance, a try with a log, and an XCom, as the engine leaves it. */
async function addFinishedRun(dagId: string, runId: string) {
  const dag = await db().dag.findFirstOrThrow({ where: { environmentId: env, dagId } });
  const run = await db().dagRun.create({
    data: {
      organizationId: acme.organization.id,
      environmentId: env,
      dagId,
      runId,
      dagVersionId: dag.currentVersionId!,
      runType: "scheduled",
      state: "success",
      logicalDate: new Date("2026-01-01T00:00:00Z"),
      dataIntervalStart: new Date("2026-01-01T00:00:00Z"),
      dataIntervalEnd: new Date("2026-01-02T00:00:00Z"),
      workflowStartedAt: new Date(),
      taskInstances: { create: { taskId: "extract", operator: "empty", state: "success", tryNumber: 1 } },
      xcoms: { create: { taskId: "extract", key: "return_value", value: 42, sizeBytes: 2 } },
    },
  });
  await db().taskTry.create({
    data: { dagRunId: run.id, taskId: "extract", tryNumber: 1, state: "success", activityKind: "local", logChunks: { create: { seq: 0, text: "hello\n" } } },
  });
  return run;
}

describe("PATCH /api/v1/environments/{env}/dags/{dag_id}", () => {
  it("pauses and unpauses for an operator, and audits both", async () => {
    await deploy(acme.owner, dagYaml("toggle_me"));
    const operator = await makeMember(acme, "operator", { environmentId: env });
    const unpaused = await patch(operator, "toggle_me", '{"is_paused": false}');
    expect(unpaused).toMatchObject({ status: 200, body: { dag_id: "toggle_me", is_paused: false } });
    expect(unpaused.body.next_dagrun_run_after).not.toBeNull();
    expect((await patch(operator, "toggle_me", '{"is_paused": true}')).body.is_paused).toBe(true);
    const dag = await db().dag.findFirstOrThrow({ where: { environmentId: env, dagId: "toggle_me" } });
    const actions = await db().auditEvent.findMany({ where: { targetId: dag.id, action: { in: ["dag.pause", "dag.unpause"] } }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["dag.unpause", "dag.pause"]);
  });

  it("starts runs that were queued while the DAG was paused", async () => {
    await deploy(acme.owner, dagYaml("queued_while_paused"));
    const dag = await db().dag.findFirstOrThrow({ where: { environmentId: env, dagId: "queued_while_paused" } });
    const run = await db().dagRun.create({
      data: { organizationId: acme.organization.id, environmentId: env, dagId: dag.dagId, runId: "manual__waiting", dagVersionId: dag.currentVersionId!, runType: "manual", state: "queued" },
    });
    expect((await patch(acme.owner, "queued_while_paused", '{"is_paused": false}')).status).toBe(200);
    const after = await db().dagRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.workflowStartedAt).not.toBeNull();
  });

  it("refuses a viewer (403), a bad body (400, 422), and unknown or foreign DAGs (404)", async () => {
    await deploy(acme.owner, dagYaml("guarded"));
    const viewer = await makeMember(acme, "viewer", { environmentId: env });
    expect((await patch(viewer, "guarded", '{"is_paused": false}')).status).toBe(403);
    expect((await patch(acme.owner, "guarded", "{nope")).status).toBe(400);
    const wrong = await patch(acme.owner, "guarded", '{"is_paused": "no"}');
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details).toEqual([{ field: "is_paused", message: "must be true or false" }]);
    expect((await patch(acme.owner, "no_such_dag", '{"is_paused": false}')).status).toBe(404);
    expect((await patch(globex.owner, "guarded", '{"is_paused": false}')).status).toBe(404);
    expect((await db().dag.findFirstOrThrow({ where: { environmentId: env, dagId: "guarded" } })).isPaused).toBe(true);
  });
});

describe("DELETE /api/v1/environments/{env}/dags/{dag_id}", () => {
  it("without purge removes the DAG but keeps its versions and runs; a new deploy brings them back", async () => {
    const v1 = await deploy(acme.owner, dagYaml("keep_history"));
    const run = await addFinishedRun("keep_history", "scheduled__2026-01-01T00:00:00+00:00");
    const deleted = await remove(acme.owner, "keep_history");
    expect(deleted).toMatchObject({ status: 200, body: { dag_id: "keep_history", purged: false } });
    expect((await callRoute(acme.owner, GET_DAG, { env, dag_id: "keep_history" })).status).toBe(404);
    expect(await db().dagRun.count({ where: { id: run.id } })).toBe(1);

    const v2 = await deploy(acme.owner, dagYaml("keep_history", { extraTask: true }));
    expect(v2.status).toBe(201);
    expect(v2.body.version_number).toBe(2); // numbering continues from the kept history
    const versions = await callRoute(acme.owner, GET_VERSIONS, { env, dag_id: "keep_history" });
    expect(versions.body.dag_versions.map((v: { version: string }) => v.version)).toEqual([v2.body.version, v1.body.version]);
    expect(await db().taskTry.count({ where: { dagRunId: run.id } })).toBe(1);
  });

  it("with purge=true drops versions, runs, task instances, tries, logs and XCom", async () => {
    await deploy(acme.owner, dagYaml("purge_me"));
    const run = await addFinishedRun("purge_me", "scheduled__2026-01-01T00:00:00+00:00");
    const tryRow = await db().taskTry.findFirstOrThrow({ where: { dagRunId: run.id } });
    const { status, body } = await remove(acme.owner, "purge_me", "?purge=true");
    expect(status).toBe(200);
    expect(body).toEqual({ dag_id: "purge_me", purged: true, deleted_versions: 1, deleted_runs: 1 });
    expect(await db().dagVersion.count({ where: { environmentId: env, dagId: "purge_me" } })).toBe(0);
    expect(await db().dagRun.count({ where: { environmentId: env, dagId: "purge_me" } })).toBe(0);
    expect(await db().taskInstance.count({ where: { dagRunId: run.id } })).toBe(0);
    expect(await db().taskLogChunk.count({ where: { tryId: tryRow.id } })).toBe(0);
    expect(await db().xCom.count({ where: { dagRunId: run.id } })).toBe(0);
    // Deployed again, it starts from version 1 with no history.
    expect((await deploy(acme.owner, dagYaml("purge_me"))).body.version_number).toBe(1);
  });

  it("purges the kept history of an already deleted DAG", async () => {
    await deploy(acme.owner, dagYaml("deleted_then_purged"));
    await remove(acme.owner, "deleted_then_purged");
    const { status, body } = await remove(acme.owner, "deleted_then_purged", "?purge=true");
    expect(status).toBe(200);
    expect(body.deleted_versions).toBe(1);
    expect((await remove(acme.owner, "deleted_then_purged", "?purge=true")).status).toBe(404);
  });

  it("refuses to purge while a run is executing (409) and changes nothing", async () => {
    await deploy(acme.owner, dagYaml("busy"));
    const run = await addFinishedRun("busy", "manual__busy");
    await db().dagRun.update({ where: { id: run.id }, data: { state: "running" } });
    const { status, body } = await remove(acme.owner, "busy", "?purge=true");
    expect(status).toBe(409);
    expect(body.error.message).toMatch(/1 run executing/);
    expect(await db().dag.count({ where: { environmentId: env, dagId: "busy" } })).toBe(1);
  });

  it("needs the editor role and hides other tenants' DAGs", async () => {
    await deploy(acme.owner, dagYaml("protected"));
    const operator = await makeMember(acme, "operator", { environmentId: env });
    expect((await remove(operator, "protected")).status).toBe(403);
    expect((await remove(globex.owner, "protected")).status).toBe(404);
    expect((await remove(acme.owner, "protected", "", acme.environments.stg.id)).status).toBe(404);
    expect((await remove(acme.owner, "protected", "?purge=maybe")).status).toBe(422);
    expect(await db().dag.count({ where: { environmentId: env, dagId: "protected" } })).toBe(1);
  });
});
