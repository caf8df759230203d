// Promotion copies an exact version between environments of one organization: the same
// hash even when the target reads schedules with other defaults, 200 when already current,
// and both gates: deploy rights here, read rights in the source.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as DEPLOY } from "../../../app/api/v1/environments/[env]/dags/route";
import { GET as GET_DAG } from "../../../app/api/v1/environments/[env]/dags/[dag_id]/route";
import { POST as PROMOTE } from "../../../app/api/v1/environments/[env]/dags/[dag_id]/promote/route";
import { requireAccess, runAsPrincipal, type Principal } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { updateEnvironmentSettings } from "../../../lib/server/services/environments/update-environment-settings";
import { callRoute, dagYaml } from "../../factories/dags";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
let globex: Tenant;
let dev: string;
let stg: string;
let v1 = "";
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  dev = acme.environments.dev.id;
  stg = acme.environments.stg.id;
  // stg reads bare schedules as Airflow 2 would: a re-deploy of the file there would differ.
  await runAsPrincipal(acme.owner, async () => updateEnvironmentSettings(await requireAccess("environment.update", { environmentId: stg }), { airflow_defaults: "airflow2" }));
  v1 = (await callRoute(acme.owner, DEPLOY, { env: dev }, { method: "POST", body: dagYaml("shipped", { schedule: "@daily" }), contentType: "application/yaml" })).body.version;
  await callRoute(acme.owner, DEPLOY, { env: dev }, { method: "POST", body: dagYaml("shipped", { schedule: "@hourly" }), contentType: "application/yaml" });
});
afterAll(closeDb);

const promote = (who: Principal, target: string, body: unknown, query = "") =>
  callRoute(who, PROMOTE, { env: target, dag_id: "shipped" }, { method: "POST", body: JSON.stringify(body), contentType: "application/json", query });

describe("POST …/dags/{dag_id}/promote", () => {
  it("copies the exact version (same hash, same timetable) whatever the target's defaults", async () => {
    const dry = await promote(acme.owner, stg, { from_environment: dev, version: v1.slice(0, 10) }, "?dry_run=true");
    expect(dry).toMatchObject({ status: 200, body: { outcome: "created", dry_run: true, version: v1 } });
    expect(await db().dag.count({ where: { environmentId: stg, dagId: "shipped" } })).toBe(0);

    const { status, body } = await promote(acme.owner, stg, { from_environment: dev, version: v1.slice(0, 10) });
    expect(status).toBe(201);
    expect(body).toMatchObject({ dag_id: "shipped", version: v1, version_number: 1, promoted_from: "dev" });
    const shown = await callRoute(acme.owner, GET_DAG, { env: stg, dag_id: "shipped" });
    expect(shown.body).toMatchObject({ version: v1, schedule: "@daily", timetable_description: expect.stringMatching(/runs at each tick/) });
    const raw = await db().dagVersion.findFirstOrThrow({ where: { environmentId: stg, dagId: "shipped" } });
    expect(raw.rawFile).toContain('schedule: "@daily"');
    const audit = await db().auditEvent.findFirst({ where: { environmentId: stg, action: "dag.deploy" }, orderBy: { at: "desc" } });
    expect(audit?.summary).toMatchObject({ promoted_from: { environment: "dev", version: v1 } });

    expect((await promote(acme.owner, stg, { from_environment: dev, version: v1 })).body).toMatchObject({ outcome: "unchanged" });
    // Without a version: the source's current one (v2, @hourly).
    const latest = await promote(acme.owner, stg, { from_environment: dev });
    expect(latest).toMatchObject({ status: 201, body: { version_number: 2 } });
    expect((await callRoute(acme.owner, GET_DAG, { env: stg, dag_id: "shipped" })).body.schedule).toBe("@hourly");
  });

  it("checks both gates and the body", async () => {
    const stgEditorOnly = await makeMember(acme, "editor", { environmentId: stg });
    expect((await promote(stgEditorOnly, stg, { from_environment: dev })).status).toBe(404); // cannot see dev
    const devViewerStgViewer = await makeMember(acme, "viewer", { workspaceId: acme.workspace.id });
    expect((await promote(devViewerStgViewer, stg, { from_environment: dev })).status).toBe(403);
    expect((await promote(acme.owner, stg, { from_environment: globex.environments.dev.id })).status).toBe(404);
    expect((await promote(globex.owner, globex.environments.stg.id, { from_environment: dev })).status).toBe(404);
    expect((await promote(acme.owner, stg, {})).status).toBe(422);
    expect((await promote(acme.owner, dev, { from_environment: dev })).status).toBe(422);
    expect((await promote(acme.owner, stg, { from_environment: dev, version: "999" })).status).toBe(404);
  });
});
