// The DAG list page's data: schedule in words and as written, next run, and each DAG's
// latest runs (newest first, at most 8), only from this environment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../../app/api/v1/environments/[env]/dags/route";
import { requireAccess, runAsPrincipal } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { listDagsOverview, RECENT_RUNS } from "../../../lib/server/services/dags/list-dags-overview";
import { callRoute, dagYaml } from "../../factories/dags";
import { makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
beforeAll(async () => {
  acme = await makeTenant("Acme");
  for (const [env, dagId, schedule] of [
    ["dev", "hourly_thing", "@hourly"],
    ["dev", "manual_thing", null],
    ["stg", "stg_thing", "@daily"],
  ] as const) {
    await callRoute(acme.owner, POST, { env: acme.environments[env].id }, { method: "POST", body: dagYaml(dagId, { schedule }), contentType: "application/yaml" });
  }
  const addRuns = async (env: "dev" | "stg", dagId: string, n: number) => {
    const dag = await db().dag.findFirstOrThrow({ where: { environmentId: acme.environments[env].id, dagId } });
    for (let i = 0; i < n; i++) {
      await db().dagRun.create({
        data: {
          organizationId: acme.organization.id,
          environmentId: dag.environmentId,
          dagId,
          runId: `scheduled__${i}`,
          dagVersionId: dag.currentVersionId!,
          runType: "scheduled",
          state: i === n - 1 ? "failed" : "success",
          logicalDate: new Date(Date.UTC(2026, 0, 1, i)),
        },
      });
    }
  };
  await addRuns("dev", "hourly_thing", 10);
  await addRuns("stg", "stg_thing", 2);
});
afterAll(closeDb);

describe("listDagsOverview", () => {
  it("lists this environment's DAGs with schedule, next run and their latest runs newest first", async () => {
    const dags = await runAsPrincipal(acme.owner, async () => listDagsOverview(await requireAccess("dag.read", { environmentId: acme.environments.dev.id })));
    expect(dags.map((d) => d.dagId)).toEqual(["hourly_thing", "manual_thing"]);
    const [hourly, manual] = dags;
    expect(hourly).toMatchObject({ schedule: "@hourly", scheduleWords: "Every hour at minute 0", isPaused: true, tags: ["reports"], versionNumber: 1 });
    expect(hourly.nextRunAfter).not.toBeNull();
    expect(hourly.recentRuns).toHaveLength(RECENT_RUNS);
    expect(hourly.recentRuns[0]).toMatchObject({ runId: "scheduled__9", state: "failed" });
    expect(hourly.recentRuns.map((r) => r.runId)).toEqual([9, 8, 7, 6, 5, 4, 3, 2].map((i) => `scheduled__${i}`));
    expect(manual).toMatchObject({ schedule: null, scheduleWords: "Manual only", nextRunAfter: null, recentRuns: [] });
  });
});
