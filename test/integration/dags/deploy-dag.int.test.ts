// Deploying DAG files through the REST API: versions named by the spec hash, identical
// re-deploys change nothing, schedule changes keep the dag_id and its history, invalid files
// list every error with line, column and field, and the wrong body type or role is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../../app/api/v1/environments/[env]/dags/route";
import { GET as GET_DAG } from "../../../app/api/v1/environments/[env]/dags/[dag_id]/route";
import { GET as GET_VERSIONS } from "../../../app/api/v1/environments/[env]/dags/[dag_id]/versions/route";
import { GET as GET_VERSION } from "../../../app/api/v1/environments/[env]/dags/[dag_id]/versions/[version]/route";
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

const deploy = (who: Principal, body: string, contentType: string | null = "application/yaml", environment = env) =>
  callRoute(who, POST, { env: environment }, { method: "POST", body, contentType });
const getDag = (who: Principal, dagId: string, environment = env) => callRoute(who, GET_DAG, { env: environment, dag_id: dagId });

describe("POST /api/v1/environments/{env}/dags", () => {
  it("deploys a new DAG: 201 with its version, paused, schedule and next run computed", async () => {
    const { status, body } = await deploy(acme.owner, dagYaml("orders_daily"));
    expect(status).toBe(201);
    expect(body).toMatchObject({ dag_id: "orders_daily", version: expect.stringMatching(/^[0-9a-f]{64}$/), version_number: 1, is_paused: true });

    const dag = await getDag(acme.owner, "orders_daily");
    expect(dag.status).toBe(200);
    expect(dag.body).toMatchObject({
      dag_id: "orders_daily",
      is_paused: true,
      description: "The orders_daily pipeline",
      tags: ["reports"],
      schedule: "@daily",
      timetable_summary: "At 00:00 every day",
      version: body.version,
      version_number: 1,
      task_count: 2,
    });
    // Airflow 3 defaults: a cron schedule runs at its tick; the next one is a future midnight.
    expect(dag.body.next_dagrun_run_after).toMatch(/T00:00:00\.000Z$/);
    const row = await db().dag.findFirstOrThrow({ where: { environmentId: env, dagId: "orders_daily" } });
    expect(row.scheduleSummary).toBe("@daily");
    expect(row.nextDagrunCreateAfter).not.toBeNull();
    const audit = await db().auditEvent.findFirst({ where: { environmentId: env, action: "dag.deploy", targetId: row.id } });
    expect(audit?.summary).toMatchObject({ dag_id: "orders_daily", version: body.version, new_dag: true });
  });

  it("answers 200 with the same version for an identical spec, even written differently", async () => {
    const first = await deploy(acme.owner, dagYaml("same_spec"));
    expect(first.status).toBe(201);
    // Same spec as JSON with keys in another order: same canonical form, same hash.
    const json = JSON.stringify({
      tasks: [
        { operator: "empty", task_id: "extract" },
        { task_id: "load", operator: "empty", upstream: ["extract"] },
      ],
      tags: ["reports"],
      catchup: false,
      start_date: "2024-01-01T00:00:00Z",
      schedule: "@daily",
      description: "The same_spec pipeline",
      dag_id: "same_spec",
    });
    const again = await deploy(acme.owner, json, "application/json");
    expect(again).toMatchObject({ status: 200, body: { dag_id: "same_spec", version: first.body.version, version_number: 1, outcome: "unchanged" } });
    expect(await db().dagVersion.count({ where: { environmentId: env, dagId: "same_spec" } })).toBe(1);
  });

  it("keeps the dag_id and its history when the schedule changes", async () => {
    const v1 = await deploy(acme.owner, dagYaml("reschedule_me", { schedule: "@daily" }));
    const dag = await db().dag.findFirstOrThrow({ where: { environmentId: env, dagId: "reschedule_me" } });
    await db().dag.update({ where: { id: dag.id }, data: { isPaused: false } });
    const v2 = await deploy(acme.owner, dagYaml("reschedule_me", { schedule: "0 6 * * 1-5" }));
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ dag_id: "reschedule_me", version_number: 2, is_paused: false });
    expect(v2.body.version).not.toBe(v1.body.version);

    const after = await db().dag.findFirstOrThrow({ where: { environmentId: env, dagId: "reschedule_me" } });
    expect(after.id).toBe(dag.id); // the same DAG row: runs and links stay
    expect(after.scheduleSummary).toBe("0 6 * * 1-5");
    const shown = await getDag(acme.owner, "reschedule_me");
    expect(shown.body).toMatchObject({ schedule: "0 6 * * 1-5", timetable_summary: "At 06:00 on Monday through Friday", version: v2.body.version });
    expect(new Date(shown.body.next_dagrun_run_after).getUTCHours()).toBe(6);

    const versions = await callRoute(acme.owner, GET_VERSIONS, { env, dag_id: "reschedule_me" });
    expect(versions.body.total_entries).toBe(2);
    expect(versions.body.dag_versions.map((v: { version_number: number; is_current: boolean }) => [v.version_number, v.is_current])).toEqual([
      [2, true],
      [1, false],
    ]);
    const old = await callRoute(acme.owner, GET_VERSION, { env, dag_id: "reschedule_me", version: v1.body.version.slice(0, 12) });
    expect(old.status).toBe(200);
    expect(old.body.raw_file).toContain('schedule: "@daily"');
    const byNumber = await callRoute(acme.owner, GET_VERSION, { env, dag_id: "reschedule_me", version: "2" });
    expect(byNumber.body.raw_file).toContain('schedule: "0 6 * * 1-5"');
  });

  it("numbers concurrent deploys of one DAG densely, and makes one version of concurrent identical ones", async () => {
    const specs = ["0 1 * * *", "0 2 * * *", "0 3 * * *", "0 4 * * *", "0 5 * * *"].map((cron) => dagYaml("racing", { schedule: cron }));
    const answers = await Promise.all(specs.map((body) => deploy(acme.owner, body)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.map((a) => a.body.version_number).sort()).toEqual([1, 2, 3, 4, 5]);
    const same = await Promise.all([1, 2, 3].map(() => deploy(acme.owner, dagYaml("twins"))));
    expect(new Set(same.map((a) => a.body.version)).size).toBe(1);
    expect(await db().dagVersion.count({ where: { environmentId: env, dagId: "twins" } })).toBe(1);
  });

  it("with ?dry_run=true says what would happen and writes nothing", async () => {
    const dry = (body: string) => callRoute(acme.owner, POST, { env }, { method: "POST", body, contentType: "application/yaml", query: "?dry_run=true" });
    const first = await dry(dagYaml("dry_dag"));
    expect(first).toMatchObject({ status: 200, body: { dag_id: "dry_dag", version_number: 1, outcome: "created", is_paused: true, dry_run: true } });
    expect(await db().dag.count({ where: { environmentId: env, dagId: "dry_dag" } })).toBe(0);
    expect(await db().dagVersion.count({ where: { environmentId: env, dagId: "dry_dag" } })).toBe(0);
    const real = await deploy(acme.owner, dagYaml("dry_dag"));
    expect(real.body.version).toBe(first.body.version);
    expect((await dry(dagYaml("dry_dag"))).body).toMatchObject({ outcome: "unchanged", version_number: 1 });
    expect((await dry(dagYaml("dry_dag", { schedule: "@hourly" }))).body).toMatchObject({ outcome: "created", version_number: 2, dry_run: true });
    expect(await db().dagVersion.count({ where: { environmentId: env, dagId: "dry_dag" } })).toBe(1);
    expect((await dry("dag_id: dry_dag\ntasks: []\n")).status).toBe(422);
  });

  it("answers 422 with every error, each with its line, column and field", async () => {
    const broken = [
      "dag_id: broken_dag",
      'schedule: "61 * * * *"',
      "tasks:",
      "  - task_id: extract",
      "    operator: emty",
      "  - task_id: load",
      "    operator: empty",
      "    upstream: [extrct]",
      "",
    ].join("\n");
    const { status, body } = await deploy(acme.owner, broken);
    expect(status).toBe(422);
    expect(body.error.code).toBe("unprocessable");
    expect(body.error.message).toMatch(/3 errors.*line 2, column 11/);
    const where = body.error.details.map((d: { line: number; column: number; field: string }) => [d.field, d.line, d.column]);
    expect(where).toEqual([
      ["schedule", 2, 11],
      ["tasks[0].operator", 5, 15],
      ["tasks[1].upstream[0]", 8, 16],
    ]);
    expect(body.error.details[1]).toMatchObject({ message: 'unknown operator "emty"', hint: 'did you mean "empty"?' });
    expect(await db().dag.count({ where: { environmentId: env, dagId: "broken_dag" } })).toBe(0);
  });

  it("gives YAML syntax errors a position too", async () => {
    const { status, body } = await deploy(acme.owner, "dag_id: x\nschedule: */5 * * * *\ntasks: []\n");
    expect(status).toBe(422);
    expect(body.error.details[0]).toMatchObject({ line: 2, field: "" });
    expect(body.error.details[0].hint).toMatch(/quote/);
  });

  it("answers 400 for a malformed JSON body and an empty body", async () => {
    const bad = await deploy(acme.owner, '{"dag_id": "x",', "application/json");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "bad_request", message: expect.stringMatching(/not valid JSON/) });
    expect((await deploy(acme.owner, "  \n", "application/yaml")).status).toBe(400);
  });

  it("answers 415 for a body that is not YAML or JSON, saying which types work", async () => {
    for (const type of ["text/plain", "multipart/form-data; boundary=x", null]) {
      const { status, body } = await deploy(acme.owner, dagYaml("typed"), type);
      expect(status).toBe(415);
      expect(body.error.code).toBe("unsupported_media_type");
      expect(body.error.message).toMatch(/application\/yaml.*application\/json/);
    }
    expect((await deploy(acme.owner, dagYaml("typed_ok"), "application/x-yaml; charset=utf-8")).status).toBe(201);
  });

  it("starts a DAG unpaused when the file says is_paused_upon_creation: false", async () => {
    const { body } = await deploy(acme.owner, dagYaml("starts_active", { paused: false }));
    expect(body.is_paused).toBe(false);
  });

  it("deploys a DAG naming a pool the environment lacks, warning which tasks will wait for it", async () => {
    await db().pool.create({ data: { organizationId: acme.organization.id, environmentId: env, name: "warehouse", slots: 2 } });
    const yaml = `dag_id: pooled
schedule: null
tasks:
  - { task_id: a, operator: empty, pool: warehouse }
  - { task_id: b, operator: empty, pool: api_quota }
  - { task_id: c, operator: empty, pool: api_quota }
  - { task_id: d, operator: empty }
`;
    const { status, body } = await deploy(acme.owner, yaml);
    expect(status).toBe(201);
    expect(body.warnings).toEqual([
      expect.objectContaining({ severity: "warning", message: 'pool "api_quota" does not exist in dev (used by b, c): those tasks will wait until it is made', hint: expect.stringContaining("Pools tab") }),
    ]);
  });

  it("lets an editor deploy and refuses a viewer or operator with 403", async () => {
    const editor = await makeMember(acme, "editor", { environmentId: env });
    expect((await deploy(editor, dagYaml("by_editor"))).status).toBe(201);
    for (const role of ["viewer", "operator"] as const) {
      const member = await makeMember(acme, role, { environmentId: env });
      const { status, body } = await deploy(member, dagYaml(`by_${role}`));
      expect(status).toBe(403);
      expect(body.error.message).toMatch(/editor role/);
      expect(await db().dag.count({ where: { dagId: `by_${role}` } })).toBe(0);
    }
  });

  it("answers 404 for another tenant's environment and another environment's DAG", async () => {
    expect((await deploy(acme.owner, dagYaml("sneaky"), "application/yaml", globex.environments.dev.id)).status).toBe(404);
    expect(await db().dag.count({ where: { dagId: "sneaky" } })).toBe(0);
    await deploy(acme.owner, dagYaml("dev_only"));
    expect((await getDag(acme.owner, "dev_only", acme.environments.stg.id)).status).toBe(404);
    expect((await getDag(globex.owner, "dev_only", env)).status).toBe(404);
    expect((await callRoute(acme.owner, GET_VERSIONS, { env: acme.environments.stg.id, dag_id: "dev_only" })).status).toBe(404);
  });
});
