// Environment settings: admins change them (audited), editors cannot, and the Airflow
// defaults setting changes how a deployed schedule is read (a new version, same dag_id).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../../app/api/v1/environments/[env]/dags/route";
import { GET as GET_DAG } from "../../../app/api/v1/environments/[env]/dags/[dag_id]/route";
import { requireAccess, runAsPrincipal, type Principal } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { AppError } from "../../../lib/server/errors";
import { getEnvironmentSettings } from "../../../lib/server/services/environments/get-environment-settings";
import { updateEnvironmentSettings } from "../../../lib/server/services/environments/update-environment-settings";
import { callRoute, dagYaml } from "../../factories/dags";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
let env: string;
beforeAll(async () => {
  acme = await makeTenant("Acme");
  env = acme.environments.stg.id;
});
afterAll(closeDb);

const update = (who: Principal, input: unknown) =>
  runAsPrincipal(who, async () => updateEnvironmentSettings(await requireAccess("environment.update", { environmentId: env }), input));

describe("environment settings", () => {
  it("starts from the defaults (Airflow 3, 60 s local-activity threshold)", async () => {
    const settings = await runAsPrincipal(acme.owner, async () => getEnvironmentSettings(await requireAccess("environment.read", { environmentId: env })));
    expect(settings).toMatchObject({ airflow_defaults: "airflow3", local_activity_threshold_seconds: 60, sandbox_timeout_seconds: 30, xcom_max_bytes: 1048576 });
  });

  it("lets an admin change them, audited with before and after; refuses an editor", async () => {
    const admin = await makeMember(acme, "admin", { environmentId: env });
    const saved = await update(admin, { sandbox_timeout_seconds: 10, local_activity_threshold_seconds: 20 });
    expect(saved).toMatchObject({ sandbox_timeout_seconds: 10, local_activity_threshold_seconds: 20, airflow_defaults: "airflow3" });
    const row = await db().environment.findUniqueOrThrow({ where: { id: env } });
    expect(row.settings).toMatchObject({ sandbox_timeout_seconds: 10, local_activity_threshold_seconds: 20 });
    const audit = await db().auditEvent.findFirst({ where: { environmentId: env, action: "environment.update" }, orderBy: { at: "desc" } });
    expect(audit?.summary).toMatchObject({ settings: { sandbox_timeout_seconds: { before: 30, after: 10 } } });

    const editor = await makeMember(acme, "editor", { environmentId: env });
    await expect(update(editor, { sandbox_timeout_seconds: 5 })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("answers 422 naming each bad field", async () => {
    const error = await update(acme.owner, { xcom_max_bytes: 10, airflow_defaults: "airflow1", nope: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ xcom_max_bytes: expect.stringMatching(/at least 1024/), airflow_defaults: expect.any(String), nope: expect.any(String) });
  });

  it("reads a bare schedule with the environment's Airflow defaults", async () => {
    const deploy = () => callRoute(acme.owner, POST, { env }, { method: "POST", body: dagYaml("modes", { schedule: "@daily" }), contentType: "application/yaml" });
    const v1 = await deploy();
    expect((await callRoute(acme.owner, GET_DAG, { env, dag_id: "modes" })).body).toMatchObject({ catchup: false, timetable_description: expect.stringMatching(/runs at each tick/) });
    await update(acme.owner, { airflow_defaults: "airflow2" });
    const v2 = await deploy();
    expect(v2.status).toBe(201); // the same file means another spec now
    expect(v2.body.version).not.toBe(v1.body.version);
    expect((await callRoute(acme.owner, GET_DAG, { env, dag_id: "modes" })).body).toMatchObject({
      // The file says catchup: false, so only the timetable changes.
      timetable_description: expect.stringMatching(/covers the interval between two ticks/),
      version_number: 2,
    });
  });
});
