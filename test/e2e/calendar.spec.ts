// Calendar and Durations in a real browser: a deployed DAG with runs on a few recent days
// (one day with a failure) and a schedule that starts in two days. The Calendar labels each
// day with its runs' states, shows the planned days, and lists a picked day's runs; the
// Durations chart draws a line per task, shows values on hover, and has the table behind
// it. Screenshots of both tabs, light and dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, pageWith, screenshot, type SessionState } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { storeDag } from "../factories/run-dags";
import { closeDb, db } from "../../lib/server/db";

let browser: Browser;
let owner: SignedUpUser;
let state: SessionState;

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const goodDay = dayOf(today - 3 * DAY_MS);
const badDay = dayOf(today - 2 * DAY_MS);
const firstPlanned = dayOf(today + 2 * DAY_MS);

const DAG = `dag_id: cal_demo
description: Loads orders every night
schedule: "@daily"
start_date: "${firstPlanned}T00:00:00Z"
catchup: false
tasks:
  - { task_id: extract, operator: empty }
  - { task_id: transform, operator: empty, upstream: [extract] }
  - { task_id: load, operator: empty, upstream: [transform] }
`;

// Runs: [day, hour, state, seconds per task (null: did not run)].
const RUNS: [string, number, string, (number | null)[]][] = [
  [goodDay, 1, "success", [4, 42, 9]],
  [goodDay, 13, "success", [5, 58, 11]],
  [badDay, 1, "success", [4, 47, 10]],
  [badDay, 13, "failed", [6, 95, null]],
];

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await signUpUser({ name: "Cal Endar", organizationName: "Calendar Watchers" });
  const env = { id: owner.environments.dev.id, organizationId: owner.organization.id };
  const dag = await storeDag(env, DAG);
  for (const [i, [day, hour, runState, secs]] of RUNS.entries()) {
    const at = new Date(Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000);
    const run = await db().dagRun.create({
      data: { organizationId: env.organizationId, environmentId: env.id, dagId: "cal_demo", runId: `manual__${day}_${i}`, dagVersionId: dag.versionId, runType: "manual", state: runState, runAfter: at, logicalDate: at, startDate: at, endDate: new Date(at.getTime() + 120_000) },
    });
    let t = at.getTime();
    await db().taskInstance.createMany({
      data: ["extract", "transform", "load"].map((taskId, k) => {
        const s = secs[k];
        const start = t;
        if (s !== null) t += s * 1000;
        return { dagRunId: run.id, taskId, operator: "empty", state: s === null ? "upstream_failed" : runState === "failed" && k === 1 ? "failed" : "success", tryNumber: s === null ? 0 : 1, maxTries: 1, startDate: s === null ? null : new Date(start), endDate: s === null ? null : new Date(t) };
      }),
    });
  }
  state = await logIn(browser, { email: owner.user.email, password: owner.password });
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const signedIn = (colorScheme: "light" | "dark" = "light"): Promise<Page> => pageWith(browser, state, colorScheme, { width: 1280, height: 800 });
const dagUrl = () => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/cal_demo`;

describe("Calendar", () => {
  it("labels each day with its runs, outlines planned days, and lists a picked day's runs", async () => {
    const page = await signedIn();
    await page.goto(dagUrl());
    await page.getByRole("navigation", { name: "DAG sections" }).getByRole("link", { name: "Calendar" }).click();
    await page.waitForURL(/\/calendar$/);
    const day = (d: string) => page.locator(`[data-day="${d}"]`);
    await expect(day(goodDay).getAttribute("aria-label")).resolves.toBe(`${goodDay}: 2 success`);
    await expect(day(goodDay).getAttribute("data-state")).resolves.toBe("success");
    await expect(day(badDay).getAttribute("aria-label")).resolves.toBe(`${badDay}: 1 success, 1 failed`);
    await expect(day(badDay).getAttribute("data-state")).resolves.toBe("failed");
    await expect(day(dayOf(today - 10 * DAY_MS)).getAttribute("aria-label")).resolves.toMatch(/: no runs$/);
    await expect(day(firstPlanned).getAttribute("aria-label")).resolves.toBe(`${firstPlanned}: 1 planned`);
    await expect(day(firstPlanned).getAttribute("data-state")).resolves.toBe("planned");
    await expect(page.getByRole("list", { name: "Calendar legend" }).textContent()).resolves.toMatch(/any failed.*planned/);

    // One tab stop; arrow keys walk the days (a day down, a week across).
    await day(goodDay).focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-day"))).resolves.toBe(badDay);
    await page.keyboard.press("ArrowLeft");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe(`${dayOf(today - 9 * DAY_MS)}: no runs`);
    await expect(page.locator('[data-day][tabindex="0"]').count()).resolves.toBe(1);

    await day(badDay).hover();
    await expect(page.getByRole("tooltip").textContent()).resolves.toBe(`${badDay}: 1 success, 1 failed`);
    await screenshot(page, "calendar-light");

    await day(badDay).click();
    await page.waitForURL(new RegExp(`\\?day=${badDay}$`));
    const list = page.getByRole("list", { name: `Runs on ${badDay}` });
    await list.waitFor();
    await expect(list.getByRole("listitem").count()).resolves.toBe(2);
    await expect(list.textContent()).resolves.toMatch(/failed/);
    await screenshot(page, "calendar-day-light");
    await list.getByRole("link", { name: `manual__${badDay}_3` }).click();
    await page.waitForURL(/\/runs\/manual__/);

    // Earlier years: a whole calendar year, and a picked day keeps the year.
    const lastYear = Number(goodDay.slice(0, 4)) - 1;
    await page.goto(`${dagUrl()}/calendar`);
    await page.getByRole("navigation", { name: "Calendar years" }).getByRole("link", { name: `‹ ${lastYear}` }).click();
    await page.waitForURL(new RegExp(`\\?year=${lastYear}$`));
    await expect(page.getByRole("heading", { name: /^Calendar/ }).textContent()).resolves.toMatch(new RegExp(`0 runs in ${lastYear}`));
    await expect(page.locator(`[data-day="${lastYear}-07-01"]`).getAttribute("aria-label")).resolves.toBe(`${lastYear}-07-01: no runs`);
    await page.locator(`[data-day="${lastYear}-07-01"]`).click();
    await page.waitForURL(new RegExp(`\\?year=${lastYear}&day=${lastYear}-07-01$`));
    await page.getByText(`Runs on ${lastYear}-07-01`).waitFor({ timeout: 15_000 });
    await screenshot(page, "calendar-year-light");
    await page.getByRole("link", { name: "Last 12 months" }).click();
    await page.waitForURL(/\/calendar$/);
    await expect(page.locator(`[data-day="${badDay}"]`).getAttribute("data-state")).resolves.toBe("failed");

    const dark = await signedIn("dark");
    await dark.goto(`${dagUrl()}/calendar?day=${goodDay}`);
    await dark.getByRole("list", { name: `Runs on ${goodDay}` }).waitFor();
    await screenshot(dark, "calendar-dark");
  });
});

describe("Durations", () => {
  it("draws a line per task over the runs, shows values on hover, and has the numbers as a table", async () => {
    const page = await signedIn();
    await page.goto(`${dagUrl()}/durations`);
    const chart = page.getByTestId("durations-chart");
    await chart.waitFor();
    await expect(chart.locator("[data-task]").count()).resolves.toBe(3);
    for (const task of ["extract", "transform", "load"]) {
      await expect(chart.locator(`[data-task="${task}"] path`).getAttribute("d")).resolves.toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+$/);
    }
    // Each run's state is marked under the axis (the last run failed).
    await expect(chart.locator("[data-run-state]").last().getAttribute("data-run-state")).resolves.toBe("failed");
    // The y axis speaks seconds for tasks under two minutes.
    await expect(chart.textContent()).resolves.toMatch(/\d+ s/);

    // Hovering the newest run shows each task's duration in it.
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
    const tip = page.getByTestId("durations-tooltip");
    await expect(tip.textContent()).resolves.toMatch(/failed[\s\S]*transform[\s\S]*1 min 35 s/);
    await screenshot(page, "durations-light");

    // Screen readers get the same numbers as a table; the Table switch shows it to everyone.
    const table = page.getByRole("table", { name: "Task durations by run" });
    await expect(table.locator("tbody tr").count()).resolves.toBe(4);
    await page.getByRole("button", { name: "table" }).click();
    await table.waitFor({ timeout: 15_000 });
    await expect(table.locator("tbody tr").first().textContent()).resolves.toMatch(/6\.00 s[\s\S]*1 min 35 s[\s\S]*—/);

    // The filter narrows the task list; unticking a task removes its line.
    await page.getByRole("button", { name: "chart" }).click();
    await page.getByRole("searchbox", { name: "Filter tasks" }).fill("trans");
    await expect(page.getByRole("list", { name: "Tasks to draw" }).getByRole("checkbox").count()).resolves.toBe(1);
    await page.getByRole("checkbox").first().uncheck();
    await expect(chart.locator("[data-task]").count()).resolves.toBe(2);

    const dark = await signedIn("dark");
    await dark.goto(`${dagUrl()}/durations`);
    const darkChart = dark.getByTestId("durations-chart");
    await darkChart.waitFor();
    const dbox = (await darkChart.boundingBox())!;
    await dark.mouse.move(dbox.x + dbox.width * 0.4, dbox.y + dbox.height / 2);
    await screenshot(dark, "durations-dark");
  });
});
