// An operator handles a failed run in the browser: the run fails on its first try, the
// operator opens the failed try's log, clears the task with its downstream (the dry-run list
// shows first), and watches the run succeed. Screenshots light and dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, pageWith, screenshot, type SessionState } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { storeDag } from "../factories/run-dags";
import { closeDb } from "../../lib/server/db";

let browser: Browser;
let owner: SignedUpUser;
let state: SessionState;

const DAG = `dag_id: ops_demo
schedule: null
tasks:
  - task_id: load
    operator: script
    retries: 0
    code: |
      export default (ctx) => {
        console.log("loading, try " + ctx.try_number);
        if (ctx.try_number === 1) throw new Error("warehouse was down");
        return "loaded";
      };
  - { task_id: report, operator: empty, upstream: [load] }
`;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await signUpUser({ name: "Otto Operator", organizationName: "Night Shift" });
  await storeDag({ id: owner.environments.dev.id, organizationId: owner.organization.id }, DAG);
  state = await logIn(browser, { email: owner.user.email, password: owner.password });
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const signedIn = (colorScheme: "light" | "dark" = "light"): Promise<Page> => pageWith(browser, state, colorScheme);
const dagUrl = () => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/ops_demo`;

describe("operating a failed run", () => {
  it("clears the failed task with its downstream from the run page and the run succeeds", async () => {
    const page = await signedIn();
    await page.goto(`${dagUrl()}/trigger`);
    await page.getByRole("button", { name: "Trigger run" }).click();
    await page.waitForURL(/\/dags\/ops_demo\/runs\/manual__/, { timeout: 30_000 });
    await page.locator("section[aria-labelledby=run-title] [data-state=failed]").waitFor({ timeout: 90_000 });
    await page.reload();

    await page.getByRole("link", { name: /Log of load, try 1/ }).click();
    await page.waitForURL(/task=load&try=1/);
    await expect.poll(() => page.getByTestId("task-log").textContent(), { timeout: 10_000 }).toMatch(/loading, try 1/);

    await expect(page.getByRole("combobox", { name: "Task", exact: true }).inputValue()).resolves.toBe("load");
    await page.getByRole("button", { name: "Clear…" }).click();
    const preview = page.getByTestId("clear-preview");
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toMatch(/load[\s\S]*failed[\s\S]*report[\s\S]*upstream_failed/);
    await screenshot(page, "operations-clear-preview-light");
    await page.getByRole("button", { name: "Clear 2" }).click();
    await page.getByRole("status").filter({ hasText: "Cleared 2" }).waitFor({ timeout: 30_000 });

    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator("section[aria-labelledby=run-title] [data-state]").first().getAttribute("data-state");
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe("success");
    await expect(page.getByRole("link", { name: /Log of load, try 2/ }).count()).resolves.toBe(1);
    await screenshot(page, "operations-after-clear-light");

    const dark = await signedIn("dark");
    await dark.goto(page.url());
    await dark.getByRole("button", { name: "Clear…" }).click();
    await dark.getByTestId("clear-preview").waitFor();
    await screenshot(dark, "operations-clear-preview-dark");
  });

  it("finds the failed try in the grid, reads its log, clears it with downstream there and watches it succeed", async () => {
    const page = await signedIn();
    await page.goto(`${dagUrl()}/trigger`);
    await page.getByRole("button", { name: "Trigger run" }).click();
    await page.waitForURL(/\/dags\/ops_demo\/runs\/manual__/, { timeout: 30_000 });
    const runId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await page.locator("section[aria-labelledby=run-title] [data-state=failed]").waitFor({ timeout: 90_000 });

    await page.goto(`${dagUrl()}/grid`);
    const failed = page.locator(`[data-cell="load@${runId}"]`);
    await expect(failed.getAttribute("data-state")).resolves.toBe("failed");
    await expect(page.locator(`[data-cell="report@${runId}"]`).getAttribute("data-state")).resolves.toBe("upstream_failed");
    await failed.click();
    const details = page.getByRole("complementary", { name: "Selected task instance" });
    await expect(details.textContent()).resolves.toMatch(/try 1 · no retries left/);

    // Its log, and back to the grid with the cell still selected (it is in the URL).
    await details.getByRole("link", { name: /Log/ }).first().click();
    await page.getByText("warehouse was down").first().waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await page.textContent("body")) ?? "", { timeout: 10_000 }).toMatch(/loading, try 1/);
    await page.goBack();
    await details.waitFor();
    await expect(details.textContent()).resolves.toMatch(/load/);

    await details.getByRole("button", { name: "Clear…" }).click();
    const preview = details.getByTestId("clear-preview");
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toMatch(/load[\s\S]*report/);
    // Without downstream only the task itself would run again.
    await details.getByRole("checkbox", { name: "Downstream" }).uncheck();
    await expect.poll(() => preview.locator("li").count()).toBe(1);
    await details.getByRole("checkbox", { name: "Downstream" }).check();
    await expect.poll(() => preview.locator("li").count()).toBe(2);
    await screenshot(page, "grid-clear-preview-light");
    await details.getByRole("button", { name: "Clear 2" }).click();
    await details.getByRole("status").filter({ hasText: "Cleared 2" }).waitFor({ timeout: 30_000 });

    // The grid is live while the run is active: no reload needed to see it succeed.
    await expect.poll(() => page.locator(`[data-cell="report@${runId}"]`).getAttribute("data-state"), { timeout: 90_000, interval: 500 }).toBe("success");
    await expect(failed.getAttribute("data-state")).resolves.toBe("success");
    await screenshot(page, "grid-after-clear-light");
  });
});
