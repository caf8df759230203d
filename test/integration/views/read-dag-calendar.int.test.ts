// The Calendar's read: runs counted per day of the DAG's timezone (a run late in the evening
// in New York is that day there, not the next UTC day; the day DST ends is one day), the
// range's end excluded, planned runs from the timetable, and no tenant sees another's runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAccess } from "../../../lib/server/authz";
import { closeDb, db } from "../../../lib/server/db";
import { listDagRunsOnDay, readDagCalendar } from "../../../lib/server/services/dags/read-dag-calendar";
import { storeDag } from "../../factories/run-dags";
import { makeTenant, type Tenant } from "../authz-gate/fixtures";

let acme: Tenant;
let other: Tenant;
const envOf = (t: Tenant) => ({ id: t.environments.dev.id, organizationId: t.organization.id });

const dagYaml = (dagId: string) => `dag_id: ${dagId}
schedule: "@daily"
timezone: America/New_York
start_date: "2026-10-01T00:00:00"
catchup: false
tasks:
  - { task_id: only, operator: empty }
`;

async function addRun(env: { id: string; organizationId: string }, versionId: string, dagId: string, runId: string, state: string, at: { logical?: string; runAfter?: string }) {
  await db().dagRun.create({
    data: {
      organizationId: env.organizationId,
      environmentId: env.id,
      dagId,
      runId,
      dagVersionId: versionId,
      runType: "manual",
      state,
      logicalDate: at.logical ? new Date(at.logical) : null,
      runAfter: new Date(at.runAfter ?? at.logical!),
    },
  });
}

beforeAll(async () => {
  acme = await makeTenant("CalAcme");
  other = await makeTenant("CalOther");
  const dag = await storeDag(envOf(acme), dagYaml("nightly"));
  const add = (runId: string, state: string, at: { logical?: string; runAfter?: string }) => addRun(envOf(acme), dag.versionId, "nightly", runId, state, at);
  // Sunday 2026-11-01 is when New York falls back from EDT (-4) to EST (-5).
  await add("r_dst_a", "success", { logical: "2026-11-01T04:30:00Z" }); // Nov 1 00:30 EDT
  await add("r_dst_b", "success", { logical: "2026-11-02T04:30:00Z" }); // Nov 1 23:30 EST
  await add("r_evening", "success", { logical: "2026-11-03T03:30:00Z" }); // Nov 2 22:30 EST
  for (let i = 0; i < 3; i++) await add(`r_ok_${i}`, "success", { logical: `2026-11-03T15:0${i}:00Z` });
  await add("r_failed", "failed", { logical: "2026-11-03T16:00:00Z" });
  await add("r_manual", "running", { runAfter: "2026-11-04T04:30:00Z" }); // no logical date: Nov 3 23:30 EST
  await add("r_last_evening", "success", { logical: "2026-11-09T04:30:00Z" }); // Nov 8 23:30 EST: inside
  await add("r_after", "success", { logical: "2026-11-09T05:30:00Z" }); // Nov 9 00:30 EST: outside
  await add("r_before", "success", { logical: "2026-10-26T03:59:00Z" }); // Oct 25 23:59 EDT: outside

  const foreign = await storeDag(envOf(other), dagYaml("nightly"), { paused: true });
  await addRun(envOf(other), foreign.versionId, "nightly", "theirs", "failed", { logical: "2026-11-03T15:00:00Z" });
}, 120_000);
afterAll(() => closeDb());

const RANGE = { from: "2026-10-26", to: "2026-11-09", now: Date.parse("2026-11-05T17:00:00Z") };

describe("readDagCalendar", () => {
  it("counts each run on its day in the DAG's timezone, across the end of DST, inside the range only", async () => {
    const access = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    const cal = await readDagCalendar(access, "nightly", RANGE);
    expect(cal.timezone).toBe("America/New_York");
    expect(cal.today).toBe("2026-11-05");
    const counts = Object.fromEntries(cal.days.filter((d) => Object.keys(d.counts).length).map((d) => [d.date, d.counts]));
    expect(counts).toEqual({
      "2026-11-01": { success: 2 },
      "2026-11-02": { success: 1 },
      "2026-11-03": { success: 3, failed: 1, running: 1 },
      "2026-11-08": { success: 1 },
    });
  });

  it("plans one run per coming day from the @daily timetable, none past the range or before today", async () => {
    const access = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    const cal = await readDagCalendar(access, "nightly", RANGE);
    const planned = Object.fromEntries(cal.days.filter((d) => d.planned).map((d) => [d.date, d.planned]));
    expect(planned["2026-11-06"]).toBe(1);
    expect(planned["2026-11-07"]).toBe(1);
    expect(planned["2026-11-08"]).toBe(1);
    expect(Object.keys(planned).every((d) => d >= "2026-11-05" && d < "2026-11-09")).toBe(true);
    expect(cal.plannedTruncated).toBe(false);
  });

  it("lists the runs of one local day", async () => {
    const access = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    const { runs } = await listDagRunsOnDay(access, "nightly", "2026-11-01");
    expect(runs.map((r) => r.runId)).toEqual(["r_dst_a", "r_dst_b"]);
    const nov3 = await listDagRunsOnDay(access, "nightly", "2026-11-03");
    expect(nov3.runs.map((r) => r.runId).sort()).toEqual(["r_failed", "r_manual", "r_ok_0", "r_ok_1", "r_ok_2"]);
  });

  it("keeps tenants apart: the same dag_id elsewhere shows only its own runs, and a DAG only another tenant has is not found", async () => {
    const theirs = await checkAccess(other.owner, "dag.read", { environmentId: other.environments.dev.id });
    const cal = await readDagCalendar(theirs, "nightly", RANGE);
    expect(cal.days).toEqual([{ date: "2026-11-03", counts: { failed: 1 }, planned: 0 }]); // paused: nothing planned
    const { runs } = await listDagRunsOnDay(theirs, "nightly", "2026-11-01");
    expect(runs).toEqual([]);

    const mine = await checkAccess(acme.owner, "dag.read", { environmentId: acme.environments.dev.id });
    await storeDag(envOf(other), dagYaml("only_theirs"));
    await expect(readDagCalendar(mine, "only_theirs", RANGE)).rejects.toMatchObject({ code: "not_found" });
    await expect(listDagRunsOnDay(mine, "only_theirs", "2026-11-03")).rejects.toMatchObject({ code: "not_found" });
  });
});
