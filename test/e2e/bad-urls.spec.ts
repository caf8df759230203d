// Hand-edited and stale URLs on the DAG pages: a missing run, task or DAG is a 404 page;
// odd query values (?try=abc, ?runs=-1, ?year=99999, ?page=x, ?day=nonsense) fall back to
// sensible defaults. Never a 500: people paste links and edit them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, logIn, pageWith, type SessionState } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { insertManualRun, storeDag } from "../factories/run-dags";
import { closeDb } from "../../lib/server/db";

let browser: Browser;
let owner: SignedUpUser;
let state: SessionState;
const RUN = "manual__odd/run id";

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await signUpUser({ name: "Uma URL", organizationName: "Link Pasters" });
  const environment = { id: owner.environments.dev.id, organizationId: owner.organization.id };
  const dag = await storeDag(environment, `dag_id: links\nschedule: null\ntasks:\n  - { task_id: only, operator: empty }\n`);
  await insertManualRun(environment, dag, RUN);
  state = await logIn(browser, { email: owner.user.email, password: owner.password });
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

describe("odd URLs on the DAG pages", () => {
  it("answer 404 for what does not exist and a normal page for odd query values", async () => {
    const page = await pageWith(browser, state);
    const dag = `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/links`;
    const run = `${dag}/runs/${encodeURIComponent(RUN)}`;
    const cases: [string, number][] = [
      [`${dag}/runs/no_such_run`, 404],
      [`${run}/tasks/no_such_task`, 404],
      [`/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/no_such_dag/grid`, 404],
      [`/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/%E0%A4%A/grid`, 400],
      [`${run}`, 200],
      [`${run}?task=nope&try=abc`, 200],
      [`${run}/tasks/only?try=abc`, 200],
      [`${run}/tasks/only?try=-1`, 200],
      [`${run}/tasks/only?try=99999999999999999999`, 200],
      [`${dag}/grid?runs=abc&task=nope&run=nope`, 200],
      [`${dag}/grid?runs=-1`, 200],
      [`${dag}/grid?runs=1e9`, 200],
      [`${dag}/graph?run=nope`, 200],
      [`${dag}/calendar?year=abc&day=nonsense`, 200],
      [`${dag}/calendar?year=99999&day=2026-02-31`, 200],
      [`${dag}/durations?runs=abc`, 200],
      [`${dag}/durations?runs=-5`, 200],
      [`${dag}/runs?page=x`, 200],
      [`${dag}/runs?page=-3`, 200],
      [`${dag}/code?version=abc`, 200],
    ];
    const got: [string, number][] = [];
    for (const [url] of cases) {
      const response = await page.goto(url);
      got.push([url, response?.status() ?? 0]);
    }
    expect(got).toEqual(cases);
  });

  it("answer 4xx, not 500, on the REST API for broken escapes and odd ids", async () => {
    const page = await pageWith(browser, state);
    const api = `/api/v1/environments/${owner.environments.dev.id}/dags`;
    const statuses: Record<string, number> = {};
    for (const url of [`${api}/%E0%A4%A`, `${api}/links/dagRuns/%E0%A4%A`, `${api}/links/dagRuns/${encodeURIComponent(RUN)}/taskInstances/%ZZ`, `${api}/links/dagRuns/${encodeURIComponent(RUN)}/taskInstances/only/logs/abc`, `${api}?limit=abc&offset=-1`]) {
      statuses[url] = (await page.request.get(url)).status();
    }
    for (const [url, status] of Object.entries(statuses)) expect([url, status >= 400 && status < 500]).toEqual([url, true]);
  });
});
