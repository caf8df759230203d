// The editor's live validation (previewDagFile): what deploying the text would do, without
// deploying: problems with positions, whether the spec is new, current or an earlier
// version, and the next runs. It changes nothing, so viewers may use it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../../app/api/v1/environments/[env]/dags/route";
import { requireAccess, runAsPrincipal, type Principal } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { previewDagFile } from "../../../lib/server/services/dags/preview-dag-file";
import { callRoute, dagYaml } from "../../factories/dags";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
let env: string;
let viewer: Principal;
beforeAll(async () => {
  acme = await makeTenant("Acme");
  env = acme.environments.dev.id;
  viewer = await makeMember(acme, "viewer", { environmentId: env });
});
afterAll(closeDb);

const preview = (who: Principal, text: string, now = new Date("2026-12-06T10:30:00Z")) =>
  runAsPrincipal(who, async () => previewDagFile(await requireAccess("dag.read", { environmentId: env }), text, now));
const deploy = (text: string) => callRoute(acme.owner, POST, { env }, { method: "POST", body: text, contentType: "application/yaml" });

describe("previewDagFile", () => {
  it("lists problems with line and column, and writes nothing", async () => {
    const result = await preview(viewer, "dag_id: preview_bad\nschedule: daily\ntasks:\n  - task_id: a\n    operator: empty\n");
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ line: 2, column: 11, field: "schedule" });
    expect(await db().dag.count({ where: { environmentId: env, dagId: "preview_bad" } })).toBe(0);
  });

  it("says whether the spec is a new DAG, the current version, a new version or an earlier one", async () => {
    const v1 = dagYaml("preview_me", { schedule: "0 6 * * *" });
    const v2 = dagYaml("preview_me", { schedule: "0 7 * * *" });
    expect(await preview(viewer, v1)).toMatchObject({ ok: true, dagId: "preview_me", status: "new_dag", taskCount: 2, schedule: "0 6 * * *", scheduleWords: "At 06:00 every day" });
    const deployed = await deploy(v1);
    const current = await preview(viewer, v1);
    expect(current).toMatchObject({ status: "current", version: deployed.body.version });
    expect((await preview(viewer, v2)).status).toBe("new_version");
    await deploy(v2);
    expect((await preview(viewer, v1)).status).toBe("earlier_version");
  });

  it("previews the next runs as the scheduler will compute them", async () => {
    const result = await preview(viewer, dagYaml("preview_runs", { schedule: "0 6 * * *" }));
    expect(result.nextRuns.map((r) => r.run_after)).toEqual([
      "2026-12-06T06:00:00Z", // Airflow 3, catchup off: the latest tick that passed runs at once
      "2026-12-07T06:00:00Z",
      "2026-12-08T06:00:00Z",
      "2026-12-09T06:00:00Z",
      "2026-12-10T06:00:00Z",
    ]);
    expect(result.checkedAt).toBe(Date.parse("2026-12-06T10:30:00Z"));
    expect((await preview(viewer, dagYaml("manual_only", { schedule: null }))).nextRuns).toEqual([]);
  });

  it("treats an empty editor as one problem, not an exception", async () => {
    const result = await preview(viewer, "   ");
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toMatch(/empty/);
  });
});
