// GET /api/v1/environments/{env}/dags: the environment's DAGs only, Airflow's shape,
// paging and search, and 422 for bad query parameters.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "../../../app/api/v1/environments/[env]/dags/route";
import { runAsPrincipal, type Principal } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { makeMember, makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
let globex: Tenant;

async function addDag(t: Tenant, env: "dev" | "stg" | "prd", dagId: string, extra: { specHash?: string; paused?: boolean } = {}) {
  const environmentId = t.environments[env].id;
  const organizationId = t.organization.id;
  const dag = await db().dag.create({
    data: {
      organizationId,
      environmentId,
      dagId,
      isPaused: extra.paused ?? false,
      description: `About ${dagId}`,
      tags: ["team-a"],
      scheduleSummary: "@daily",
      nextDagrunCreateAfter: new Date("2026-12-07T00:00:00Z"),
    },
  });
  if (extra.specHash) {
    const version = await db().dagVersion.create({
      data: { organizationId, environmentId, dagId, versionNumber: 1, specHash: extra.specHash, spec: {}, rawFile: "", fileFormat: "yaml" },
    });
    await db().dag.update({ where: { id: dag.id }, data: { currentVersionId: version.id } });
  }
}

beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  await addDag(acme, "dev", "daily_report", { specHash: "abc123" });
  await addDag(acme, "dev", "hourly_sync", { paused: true });
  await addDag(acme, "dev", "orders_etl");
  await addDag(acme, "prd", "prod_only");
  await addDag(globex, "dev", "globex_secret");
});
afterAll(closeDb);

async function list(principal: Principal, env: string, query = "") {
  const response = await runAsPrincipal(principal, () =>
    GET(new Request(`http://app.test/api/v1/environments/${env}/dags${query}`), { params: Promise.resolve({ env }) }),
  );
  return { status: response.status, body: await response.json() };
}

describe("GET /api/v1/environments/{env}/dags", () => {
  it("lists the environment's DAGs in Airflow's shape, ordered by dag_id", async () => {
    const { status, body } = await list(acme.owner, acme.environments.dev.id);
    expect(status).toBe(200);
    expect(body.total_entries).toBe(3);
    expect(body.dags.map((d: { dag_id: string }) => d.dag_id)).toEqual(["daily_report", "hourly_sync", "orders_etl"]);
    expect(body.dags[0]).toEqual({
      dag_id: "daily_report",
      is_paused: false,
      description: "About daily_report",
      tags: ["team-a"],
      version: "abc123",
      schedule: "@daily",
      next_dagrun_create_after: "2026-12-07T00:00:00.000Z",
    });
    expect(body.dags[1]).toMatchObject({ dag_id: "hourly_sync", is_paused: true, version: null });
  });

  it("pages with limit and offset; total_entries counts every match", async () => {
    const { body } = await list(acme.owner, acme.environments.dev.id, "?limit=1&offset=1");
    expect(body).toMatchObject({ total_entries: 3, dags: [{ dag_id: "hourly_sync" }] });
  });

  it("searches with dag_id_pattern (case-insensitive substring, LIKE wildcards)", async () => {
    expect((await list(acme.owner, acme.environments.dev.id, "?dag_id_pattern=REPORT")).body).toMatchObject({ total_entries: 1, dags: [{ dag_id: "daily_report" }] });
    expect((await list(acme.owner, acme.environments.dev.id, "?dag_id_pattern=d%25t")).body.total_entries).toBe(2); // daily_report, orders_etl
    expect((await list(acme.owner, acme.environments.dev.id, "?dag_id_pattern=nothing")).body).toEqual({ dags: [], total_entries: 0 });
  });

  it("answers 422 naming every bad query parameter", async () => {
    const { status, body } = await list(acme.owner, acme.environments.dev.id, "?limit=5000&offset=-1");
    expect(status).toBe(422);
    expect(body.error.code).toBe("unprocessable");
    expect(Object.keys(body.error.details).sort()).toEqual(["limit", "offset"]);
    expect((await list(acme.owner, acme.environments.dev.id, "?limit=abc")).status).toBe(422);
    expect((await list(acme.owner, acme.environments.dev.id, "?limit=0")).status).toBe(422);
  });

  it("never shows another environment's or tenant's DAGs", async () => {
    expect((await list(acme.owner, acme.environments.stg.id)).body).toEqual({ dags: [], total_entries: 0 });
    expect((await list(acme.owner, globex.environments.dev.id)).status).toBe(404);
    const devViewer = await makeMember(acme, "viewer", { environmentId: acme.environments.dev.id });
    expect((await list(devViewer, acme.environments.dev.id)).status).toBe(200);
    expect((await list(devViewer, acme.environments.prd.id)).status).toBe(404);
    expect((await list(devViewer, randomUUID())).status).toBe(404);
  });
});
