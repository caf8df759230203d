// The DAG registry in a real browser: deploy a DAG in the editor (live validation catches an
// error first, with its line and column), unpause it, trigger it with the typed form (the
// server refuses a param out of range, naming it), watch the run succeed and read a task's
// log; then change the schedule and read the diff. Screenshots of every page, both themes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, logIn, newPage, pageWith, screenshot, type SessionState } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { closeDb, db } from "../../lib/server/db";

let browser: Browser;
let owner: SignedUpUser;
let state: SessionState;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await signUpUser({ name: "Dana Deployer", organizationName: "Pipelines Inc" });
  state = await logIn(browser, { email: owner.user.email, password: owner.password });
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const signedIn = (colorScheme: "light" | "dark" = "light"): Promise<Page> => pageWith(browser, state, colorScheme, { width: 1280, height: 800 });

const dagsUrl = () => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags`;

const BROKEN = `dag_id: greet_people
description: Says hello to whoever the run is for
schedule: "0 6 * * *"
start_date: "2024-01-01T00:00:00Z"
tags: [demo]
params:
  name:
    type: string
    default: world
  times:
    type: integer
    minimum: 1
    maximum: 5
    default: 1
  tone:
    type: string
    enum: [plain, loud]
    default: plain
tasks:
  - task_id: start
    operator: emty
  - task_id: greet
    operator: script
    upstream: [start]
    code: |
      export default async (ctx) => {
        for (let i = 0; i < ctx.params.times; i++) console.log(\`hello \${ctx.params.name} (\${ctx.params.tone})\`);
        return ctx.params.times;
      };
`;
const FIXED = BROKEN.replace("operator: emty", "operator: empty");

/** Replaces the editor's whole text (select all, then type over it in one go). */
async function setEditorText(page: Page, text: string) {
  const editor = page.getByLabel("DAG file (YAML or JSON)");
  await editor.fill(text);
}

describe("DAG registry in the browser", () => {
  it("deploys from the editor after live validation catches an error", async () => {
    const page = await signedIn();
    await page.goto(dagsUrl());
    await page.getByRole("heading", { name: "No DAGs in dev yet" }).waitFor();
    await screenshot(page, "dags-empty-light");
    await page.getByRole("link", { name: "Deploy DAG" }).first().click();
    await page.waitForURL(/\/dags\/deploy$/);
    // The starter file is valid.
    await page.getByRole("status").filter({ hasText: "Valid" }).waitFor({ timeout: 15_000 });

    await setEditorText(page, BROKEN);
    const problem = page.getByRole("button", { name: /unknown operator "emty"/ });
    await problem.waitFor({ timeout: 15_000 });
    await expect(problem.textContent()).resolves.toMatch(/line 21, column 15 · tasks\[0\]\.operator/);
    await expect(page.getByText('did you mean "empty"?').isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: /Deploy to dev/ }).isDisabled()).resolves.toBe(true);
    await screenshot(page, "dags-editor-error-light");

    // Clicking the problem puts the caret on it.
    await problem.click();
    const caret = await page.getByLabel("DAG file (YAML or JSON)").evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split("\n").length);
    expect(caret).toBe(21);

    await setEditorText(page, FIXED);
    await page.getByRole("status").filter({ hasText: "Valid — a new DAG" }).waitFor({ timeout: 15_000 });
    await expect(page.getByRole("list", { name: "Next runs" }).getByRole("listitem").count()).resolves.toBe(5);
    await expect(page.getByText("At 06:00 every day").first().isVisible()).resolves.toBe(true);
    await screenshot(page, "dags-editor-valid-light");
    await page.getByRole("button", { name: "Deploy to dev" }).click();
    await page.waitForURL(/\/dags\/greet_people\?deployed=created$/, { timeout: 30_000 });
    await page.getByRole("heading", { name: "greet_people" }).waitFor();
    await expect(page.getByText("Deployed version 1").isVisible()).resolves.toBe(true);
    await screenshot(page, "dags-overview-light");
  });

  it("unpauses from the list, where the schedule shows in words and cron", async () => {
    const page = await signedIn();
    await page.goto(dagsUrl());
    const row = page.getByRole("row", { name: /greet_people/ });
    // The table sits in a Suspense boundary, which React may reveal just after the load event.
    await row.getByText("At 06:00 every day").waitFor({ timeout: 15_000 });
    await expect(row.getByText("0 6 * * *").isVisible()).resolves.toBe(true);
    const toggle = row.getByRole("switch");
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("true");
    // The server action may take a while on a busy machine; the switch shows it at once.
    await expect.poll(async () => (await db().dag.findFirst({ where: { dagId: "greet_people", environmentId: owner.environments.dev.id } }))?.isPaused, { timeout: 30_000 }).toBe(false);
    await page.reload();
    await expect(page.getByRole("row", { name: /greet_people/ }).getByRole("switch").getAttribute("aria-checked")).resolves.toBe("true");
    // Search narrows the list.
    await page.getByLabel("Search DAGs").fill("nothing-like-this");
    await page.getByText(/No DAG matches/).waitFor();
    await page.getByLabel("Search DAGs").fill("tag:demo");
    await page.getByRole("row", { name: /greet_people/ }).waitFor();
    await screenshot(page, "dags-list-light");
  });

  let runUrl = "";
  it("triggers with the typed form; an out-of-range param is refused by name", async () => {
    const page = await signedIn();
    await page.goto(`${dagsUrl()}/greet_people/trigger`);
    await page.getByLabel("name").fill("Ada");
    await page.getByLabel("times").fill("9");
    await page.getByLabel("tone").selectOption({ label: "loud" });
    await page.getByRole("button", { name: "Trigger run" }).click();
    // The server checks the value against the param's schema (422 naming conf.times).
    await page.locator("#field-param-times-error").waitFor({ timeout: 15_000 });
    await expect(page.locator("#field-param-times-error").textContent()).resolves.toMatch(/maximum|greater|5/);
    await screenshot(page, "dags-trigger-error-light");
    await page.getByLabel("times").fill("2");
    await page.getByRole("button", { name: "Trigger run" }).click();
    await page.waitForURL(/\/dags\/greet_people\/runs\/manual__/, { timeout: 30_000 });
    runUrl = new URL(page.url()).pathname;
    const run = await db().dagRun.findFirstOrThrow({ where: { dagId: "greet_people", environmentId: owner.environments.dev.id, runType: "manual" } });
    expect(run.conf).toEqual({ name: "Ada", times: 2, tone: "loud" });
    expect(run.triggeredBy).toBe("ui");
    await screenshot(page, "dags-run-started-light");
  });

  it("shows the run succeed live and the task's log", async () => {
    const page = await signedIn();
    await page.goto(runUrl);
    // Live refresh: the header badge turns to success without a reload.
    await page.locator("section[aria-labelledby=run-title] [data-state=success]").waitFor({ timeout: 60_000 });
    await page.getByRole("link", { name: /Log of greet, try 1/ }).click();
    await page.waitForURL(/task=greet&try=1/);
    const log = page.getByTestId("task-log");
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toMatch(/hello Ada \(loud\)[\s\S]*hello Ada \(loud\)/);
    await screenshot(page, "dags-run-log-light");
    const dark = await signedIn("dark");
    await dark.goto(`${runUrl}?task=greet&try=1`);
    await screenshot(dark, "dags-run-log-dark");
  });

  it("keeps the dag_id when the schedule changes, and shows the diff between versions", async () => {
    const page = await signedIn();
    await page.goto(`${dagsUrl()}/deploy?from=greet_people`);
    await page.getByRole("status").filter({ hasText: "identical to the deployed version" }).waitFor({ timeout: 15_000 });
    await setEditorText(page, FIXED.replace('schedule: "0 6 * * *"', 'schedule: "30 7 * * 1-5"'));
    await page.getByRole("status").filter({ hasText: "Valid — a new version" }).waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Deploy to dev" }).click();
    await page.waitForURL(/\/dags\/greet_people\?deployed=created$/, { timeout: 30_000 });
    await page.getByText("At 07:30 on Monday through Friday").first().waitFor({ timeout: 15_000 });
    await page.getByRole("link", { name: "Code", exact: true }).click();
    await page.getByRole("link", { name: "Changes since v1" }).click();
    await page.waitForURL(/compare=1\.\.2/);
    const removed = page.locator("tr[data-diff=removed]");
    const added = page.locator("tr[data-diff=added]");
    await expect(removed.count()).resolves.toBe(1);
    await expect(removed.textContent()).resolves.toContain('schedule: "0 6 * * *"');
    await expect(added.textContent()).resolves.toContain('schedule: "30 7 * * 1-5"');
    await screenshot(page, "dags-diff-light");
    // Same DAG row, and its earlier run is still listed.
    await page.getByRole("link", { name: "Runs", exact: true }).click();
    await page.getByRole("link", { name: /^manual__/ }).first().waitFor();
    await screenshot(page, "dags-runs-light");
  });

  it("shows a viewer the DAGs without the controls they may not use", async () => {
    const organizationId = owner.organization.id;
    const vera = await signUpUser({ name: "Vera Viewer" });
    await db().membership.create({ data: { organizationId, userId: vera.user.id } });
    const group = await db().group.create({ data: { organizationId, name: "Readers", members: { create: { userId: vera.user.id } } } });
    await db().roleBinding.create({ data: { organizationId, groupId: group.id, scopeType: "environment", environmentId: owner.environments.dev.id, role: "viewer" } });
    const page = await newPage(browser);
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(vera.user.email);
    await page.getByLabel("Password", { exact: true }).fill(vera.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/e\/dev\/dags$/, { timeout: 30_000 });
    await page.goto(dagsUrl());
    const row = page.getByRole("row", { name: /greet_people/ });
    await expect(row.getByRole("switch").isDisabled()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: "Deploy DAG" }).count()).resolves.toBe(0);
    await page.goto(`${dagsUrl()}/greet_people`);
    await expect(page.getByRole("link", { name: "Trigger" }).count()).resolves.toBe(0);
    await page.goto(`${dagsUrl()}/deploy`);
    await page.getByText("403").first().waitFor();
    await page.context().close();
  });

  it("fits a phone", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 390, height: 844 }, storageState: state });
    const page = await context.newPage();
    for (const [name, url] of [
      ["list", dagsUrl()],
      ["run", runUrl],
    ] as const) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await screenshot(page, `dags-mobile-${name}`);
      // The widest element past the right edge, named so a failure says what to fix.
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const over = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest("[class*=overflow-x-auto], [class*=overflow-auto], [class*=overflow-hidden]"));
        return over.slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")}`);
      });
      expect(overflow, `${name} scrolls sideways`).toEqual([]);
    }
    await context.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`renders the DAG pages in ${colorScheme} mode`, async () => {
      const page = await signedIn(colorScheme);
      const base = `${dagsUrl()}/greet_people`;
      for (const [name, url] of [
        ["list", dagsUrl()],
        ["overview", base],
        ["code", `${base}/code`],
        ["trigger", `${base}/trigger`],
        ["editor", `${dagsUrl()}/deploy`],
        ["settings", `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/settings`],
        ["run", `${runUrl}?task=greet&try=1`],
        ["diff", `${base}/code?compare=1..2`],
        ["promote", `${base}/promote`],
      ] as const) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        await screenshot(page, `dags-page-${name}-${colorScheme}`);
      }
    });
  }

  it("promotes the current version to stg, showing what changes there first", async () => {
    const page = await signedIn();
    await page.goto(`${dagsUrl()}/greet_people`);
    await page.getByRole("link", { name: "Promote" }).click();
    await page.waitForURL(/\/greet_people\/promote$/);
    await expect(page.locator("tr[data-diff=added]").count()).resolves.toBeGreaterThan(10); // nothing in stg yet
    await screenshot(page, "dags-promote-light");
    await page.getByRole("button", { name: "Promote v2 to stg" }).click();
    await page.waitForURL(/\/e\/stg\/dags\/greet_people\?deployed=created$/, { timeout: 30_000 });
    const [devDag, stgDag] = await Promise.all(
      [owner.environments.dev.id, owner.environments.stg.id].map((environmentId) => db().dag.findFirstOrThrow({ where: { environmentId, dagId: "greet_people" } })),
    );
    const [devVersion, stgVersion] = await Promise.all([devDag, stgDag].map((d) => db().dagVersion.findUniqueOrThrow({ where: { id: d.currentVersionId! } })));
    expect(stgVersion.specHash).toBe(devVersion.specHash);
    expect(stgDag.isPaused).toBe(true);
  });

  it("deletes the DAG from its page, keeping its history unless asked to purge", async () => {
    const page = await signedIn("dark");
    await page.goto(`${dagsUrl()}/greet_people`);
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete greet_people?" });
    await dialog.waitFor();
    await expect(dialog.getByRole("checkbox", { name: /Also purge its history/ }).isChecked()).resolves.toBe(false);
    await screenshot(page, "dags-delete-dialog-dark");
    await dialog.getByRole("button", { name: "Delete DAG" }).click();
    await page.waitForURL(new RegExp(`${dagsUrl()}$`));
    await page.getByRole("heading", { name: "No DAGs in dev yet" }).waitFor();
    const environmentId = owner.environments.dev.id;
    expect(await db().dag.count({ where: { environmentId, dagId: "greet_people" } })).toBe(0);
    expect(await db().dagVersion.count({ where: { environmentId, dagId: "greet_people" } })).toBe(2);
    expect(await db().dagRun.count({ where: { environmentId, dagId: "greet_people" } })).toBeGreaterThan(0);
  });
});
