// Watching runs in a real browser: a DAG with a task group and a failing task runs twice;
// the Grid shows each task instance's state (and a glyph, not only colour), a collapsed group
// shows its worst state, the failed cell's details give its try and a link to its log; the
// Graph and the run's Gantt draw the same states. Screenshots of each view, light and dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { baseUrl, launchBrowser, newPage, screenshot } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { storeDag } from "../factories/run-dags";
import { seedFinishedRuns } from "../factories/grid-runs";
import { closeDb } from "../../lib/server/db";

let browser: Browser;
let owner: SignedUpUser;
let state: Awaited<ReturnType<BrowserContext["storageState"]>>;

const DAG = `dag_id: views_demo
description: Extracts, fails to load, never reports
schedule: null
task_groups:
  - group_id: etl
tasks:
  - task_id: start
    operator: empty
  - task_id: extract
    task_group: etl
    operator: script
    upstream: [start]
    code: "export default () => { console.log('extracting 3 rows'); return 3; }"
  - task_id: load
    task_group: etl
    operator: script
    upstream: [extract]
    retries: 0
    code: |
      export default () => {
        console.log("loading into the warehouse");
        throw new Error("warehouse refused the load");
      };
  - task_id: report
    operator: empty
    upstream: [etl]
`;

/** 502 tasks: start, 10 groups of 50 chained tasks, end. */
function bigDagYaml(): string {
  const lines = ["dag_id: big_views", "schedule: null", "task_groups:"];
  for (let g = 0; g < 10; g++) lines.push(`  - group_id: g${g}`);
  lines.push("tasks:", "  - { task_id: start, operator: empty }");
  for (let g = 0; g < 10; g++)
    for (let t = 0; t < 50; t++) lines.push(`  - { task_id: t${t}, task_group: g${g}, operator: empty, upstream: [${t ? `t${t - 1}` : "start"}] }`);
  lines.push(`  - { task_id: end, operator: empty, upstream: [${Array.from({ length: 10 }, (_, g) => `g${g}`).join(", ")}] }`);
  return lines.join("\n") + "\n";
}

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await signUpUser({ name: "Vera Viewer", organizationName: "Grid Watchers" });
  await storeDag({ id: owner.environments.dev.id, organizationId: owner.organization.id }, DAG);
  const page = await newPage(browser);
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(owner.user.email);
  await page.getByLabel("Password", { exact: true }).fill(owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/e\/dev\/dags$/, { timeout: 30_000 });
  state = await page.context().storageState();
  const env = { id: owner.environments.dev.id, organizationId: owner.organization.id };
  const big = await storeDag(env, bigDagYaml());
  await seedFinishedRuns(env, { dagId: big.dagId, versionId: big.versionId, taskIds: big.spec.tasks.map((t) => t.task_id) }, { runs: 25, failTask: "g3.t17", reason: "Try 1 failed: disk full" });
  await page.context().close();
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

async function signedIn(colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, colorScheme, viewport: { width: 1280, height: 800 }, storageState: state });
  return context.newPage();
}
const dagUrl = () => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/views_demo`;

async function triggerAndFinish(page: Page): Promise<string> {
  await page.goto(`${dagUrl()}/trigger`);
  await page.getByRole("button", { name: "Trigger run" }).click();
  await page.waitForURL(/\/dags\/views_demo\/runs\/manual__/, { timeout: 30_000 });
  const runId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
  await page.locator("section[aria-labelledby=run-title] [data-state=failed]").waitFor({ timeout: 90_000 });
  return runId;
}

describe("Grid, Graph and Gantt", () => {
  let runId = "";
  it("shows each task instance's state in the grid, and the failed cell's details and log", async () => {
    const page = await signedIn();
    await triggerAndFinish(page);
    runId = await triggerAndFinish(page);

    await page.goto(`${dagUrl()}/grid`);
    const cell = (task: string) => page.locator(`[data-cell="${task}@${runId}"]`);
    await expect(cell("start").getAttribute("data-state")).resolves.toBe("success");
    await expect(cell("etl.extract").getAttribute("data-state")).resolves.toBe("success");
    await expect(cell("etl.load").getAttribute("data-state")).resolves.toBe("failed");
    await expect(cell("report").getAttribute("data-state")).resolves.toBe("upstream_failed");
    // Colour is not the only cue: each state has its own glyph.
    await expect(cell("etl.load").locator("svg").getAttribute("data-glyph")).resolves.toBe("failed");
    await expect(cell("report").locator("svg").getAttribute("data-glyph")).resolves.toBe("upstream_failed");
    // Two runs, two columns.
    await expect(page.locator('[data-row="start"] [data-cell]').count()).resolves.toBe(2);

    await cell("etl.load").click();
    const details = page.getByRole("complementary", { name: "Selected task instance" });
    await expect(details.textContent()).resolves.toMatch(/etl\.load[\s\S]*failed[\s\S]*Try\s*try 1 · no retries left/);
    await cell("report").click();
    await expect(details.getByTestId("cell-reason").textContent()).resolves.toMatch(/upstream|etl\.load/i);
    await screenshot(page, "views-grid-reason-light");
    await cell("etl.load").click();
    await screenshot(page, "views-grid-light");

    // Collapsing the group hides its tasks; the group row shows its worst state.
    await page.getByRole("button", { name: "Collapse task group etl" }).click();
    await expect(page.locator('[data-row="etl.extract"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-row="etl"] [data-glyph=failed]').count()).resolves.toBe(2);
    await screenshot(page, "views-grid-collapsed-light");
    await page.getByRole("button", { name: "Expand task group etl" }).click();
    await cell("etl.load").click();
    expect(new URL(page.url()).searchParams.get("task")).toBe("etl.load");
    expect(new URL(page.url()).searchParams.get("run")).toBe(runId);

    await details.getByRole("link", { name: /Log of try 1/ }).click();
    await page.waitForURL(/\/tasks\/etl\.load\?try=1$/);
    await expect.poll(() => page.getByTestId("task-log").textContent(), { timeout: 10_000 }).toMatch(/loading into the warehouse/);

    const dark = await signedIn("dark");
    // The selected cell is in the URL: a link to it opens with its details showing.
    expect(new URL(page.url()).pathname).toContain("/runs/");
    await dark.goto(`${dagUrl()}/grid?task=etl.load&run=${encodeURIComponent(runId)}`);
    await expect(dark.getByRole("complementary", { name: "Selected task instance" }).textContent()).resolves.toMatch(/etl\.load[\s\S]*warehouse refused the load/);
    await screenshot(dark, "views-grid-dark");
  });

  it("draws the graph with the run's states, groups as boxes, zoom buttons that zoom", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await signedIn(scheme);
      await page.goto(`${dagUrl()}/graph`);
      const graph = page.getByTestId("dag-graph");
      await expect(graph.locator('[data-node="etl.load"]').getAttribute("data-state")).resolves.toBe("failed");
      await expect(graph.locator('[data-node="start"]').getAttribute("data-state")).resolves.toBe("success");
      await expect(graph.locator('[data-group="etl"]').count()).resolves.toBe(1);
      await expect(graph.locator("polyline").count()).resolves.toBe(3);
      await screenshot(page, `views-graph-${scheme}`);
      if (scheme === "light") {
        const before = await page.getByText(/^\d+%$/).textContent();
        await page.getByRole("button", { name: "Zoom in" }).click();
        await expect(page.getByText(/^\d+%$/).textContent()).resolves.not.toBe(before);
        await graph.locator('[data-node="etl.load"]').click();
        await page.waitForURL(/runs\/.*task=etl\.load/);
      }
    }
  });

  it("shows one Gantt bar per try on the run page", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await signedIn(scheme);
      await page.goto(`${dagUrl()}/runs/${encodeURIComponent(runId)}`);
      const bars = page.locator("[data-gantt-bar]");
      // report never ran, so it has no bar; the tasks that ran have one each.
      await expect(bars.count()).resolves.toBeGreaterThanOrEqual(2);
      await expect(page.locator('[data-gantt-bar^="report#"]').count()).resolves.toBe(0);
      await expect(page.locator('[data-gantt-bar="etl.load#1"]').getAttribute("aria-label")).resolves.toMatch(/failed/);
      await screenshot(page, `views-gantt-${scheme}`);
    }
  });

  it("stays quick on a DAG of 502 tasks with 25 runs", async () => {
    const page = await signedIn();
    const big = `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/big_views`;
    const t0 = Date.now();
    const response = await page.goto(`${big}/grid`);
    // Groups start collapsed on a DAG this big; the failed group shows it in the newest run.
    await page.locator('[data-row="g3"] [data-glyph=failed]').waitFor();
    const htmlBytes = (await response!.body()).length;
    const gridMs = Date.now() - t0;
    const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1);
    await expect(page.locator('[data-row="g0"] [data-glyph]').count()).resolves.toBe(25);
    await expect(page.locator('[data-row="g0.t1"]').count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Expand task group g3" }).click();
    await expect(page.locator('[data-cell="g3.t17@scheduled__024"]').getAttribute("data-state")).resolves.toBe("failed");
    await screenshot(page, "views-grid-big-light");
    const t1 = Date.now();
    await page.goto(`${big}/graph`);
    await page.locator('[data-node="g3.t17"]').waitFor();
    const graphMs = Date.now() - t1;
    await expect(page.locator("[data-node]").count()).resolves.toBe(502);
    await screenshot(page, "views-graph-big-light");
    console.log(`big DAG (502 tasks × 25 runs): grid page ${Math.round(htmlBytes / 1024)} KiB, ready in ${gridMs} ms (first contentful paint ${Math.round(fcp)} ms), graph laid out in ${graphMs} ms`);
    expect(gridMs).toBeLessThan(15_000);
    expect(graphMs).toBeLessThan(15_000);
  });
});
