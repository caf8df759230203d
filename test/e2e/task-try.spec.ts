// The task instance page in a real browser (issue 10): while a try runs, its log tail grows
// in place (no page reload) and follows the end; a retried task shows one tab per try
// (arrows switch them), the log search counts case-insensitive matches and steps with
// Enter / Shift+Enter, the XCom value is pretty-printed, and the rendered template fields
// show a secret variable as ***; a skipped task says why; a log at the 10 MiB cap searches
// in well under a second. Screenshots light and dark.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, logIn, pageWith, screenshot, type SessionState } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { storeDag } from "../factories/run-dags";
import { seedFinishedRuns } from "../factories/grid-runs";
import { checkAccess } from "../../lib/server/authz";
import { closeDb, db } from "../../lib/server/db";
import { createVariable } from "../../lib/server/services/variables/create-variable";

let browser: Browser;
let owner: SignedUpUser;
let state: SessionState;
let bigLogUrl = "";

const TOKEN = "e2e-Secret-Token-4242";
const DAG = `dag_id: tryview_demo
schedule: null
params:
  name: { type: string, default: world }
tasks:
  - task_id: flaky
    operator: script
    retries: 1
    retry_delay: PT1S
    args:
      greeting: "hello {{ params.name }}"
      token: "{{ var.value.api_token }}"
    code: |
      export default (ctx) => {
        for (let i = 1; i <= 40; i++) console.log("row " + i + " loaded");
        ctx.xcom.push("stats", { rows: 40, source: "orders" });
        if (ctx.try_number === 1) throw new Error("warehouse was busy");
        return { loaded: 40 };
      };
  - { task_id: if_failed, operator: empty, upstream: [flaky], trigger_rule: all_failed }
  - task_id: tail
    operator: script
    upstream: [flaky]
    code: |
      export default async (ctx) => {
        const end = Date.now() + 7000;
        let n = 0;
        let beat = 0;
        while (Date.now() < end) {
          await ctx.xcom.pull("nothing_here");
          if (Date.now() - beat >= 200) { beat = Date.now(); console.log("tick " + (++n)); }
        }
        return n;
      };
`;

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await signUpUser({ name: "Tess Tail", organizationName: "Log Readers" });
  const env = { id: owner.environments.dev.id, organizationId: owner.organization.id };
  const session = await db().session.create({ data: { userId: owner.user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  const principal = { kind: "user" as const, userId: owner.user.id, sessionId: session.id, email: owner.user.email, name: owner.user.name };
  await createVariable(await checkAccess(principal, "variable.write", { environmentId: env.id }), { key: "api_token", value: TOKEN });
  await storeDag(env, DAG);
  // A finished run whose one try wrote a log at the size cap (~10 MiB).
  const big = await storeDag(env, "dag_id: big_log\nschedule: null\ntasks:\n  - { task_id: chatty, operator: script, code: \"export default () => null\" }\n");
  const [bigRunId] = await seedFinishedRuns(env, { dagId: big.dagId, versionId: big.versionId, taskIds: ["chatty"] }, { runs: 1 });
  const bigRun = await db().dagRun.findFirstOrThrow({ where: { environmentId: env.id, dagId: "big_log", runId: bigRunId } });
  const tryRow = await db().taskTry.create({ data: { dagRunId: bigRun.id, taskId: "chatty", tryNumber: 1, state: "success", activityKind: "regular", startDate: bigRun.startDate!, endDate: bigRun.endDate } });
  const chunks: { tryId: string; seq: number; text: string }[] = [];
  let size = 0;
  for (let i = 0, chunk = ""; size < 10 * 1024 * 1024; i++) {
    const line = `[2026-01-01T00:00:${String(i % 60).padStart(2, "0")}.000Z] {chatty} INFO - processed batch ${i} of orders, checksum ${((i * 2654435761) >>> 0).toString(16)}\n`;
    chunk += line;
    size += line.length;
    if (chunk.length > 64 * 1024 || size >= 10 * 1024 * 1024) {
      chunks.push({ tryId: tryRow.id, seq: chunks.length, text: chunk });
      chunk = "";
    }
  }
  await db().taskLogChunk.createMany({ data: chunks });
  bigLogUrl = `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/big_log/runs/${encodeURIComponent(bigRunId)}/tasks/chatty`;
  state = await logIn(browser, { email: owner.user.email, password: owner.password });
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const signedIn = (colorScheme: "light" | "dark" = "light"): Promise<Page> => pageWith(browser, state, colorScheme);
const dagUrl = () => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/tryview_demo`;
const lineCount = async (page: Page) => Number((await page.getByText(/^[\d,]+ lines? ·/).textContent())?.replace(/,/g, "").replace(/[^\d].*$/, "") ?? 0);

describe("task instance page", () => {
  let runUrl = "";

  it("follows the log of a running try as it grows, without reloading the page", async () => {
    const page = await signedIn();
    await page.goto(`${dagUrl()}/trigger`);
    await page.getByRole("button", { name: "Trigger run" }).click();
    await page.waitForURL(/\/dags\/tryview_demo\/runs\/manual__/, { timeout: 30_000 });
    runUrl = new URL(page.url()).pathname;

    await page.goto(`${runUrl}/tasks/tail`);
    const marker = randomUUID();
    await page.evaluate((m) => ((window as unknown as { __marker: string }).__marker = m), marker);
    // The page re-reads itself while the run is active; the try's tab and live log appear.
    await page.getByTestId("log-live").waitFor({ timeout: 90_000 });
    await expect.poll(() => lineCount(page), { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await lineCount(page);
    await expect.poll(() => lineCount(page), { timeout: 10_000, interval: 200 }).toBeGreaterThan(first + 3);
    await expect(page.getByTestId("log-live").isVisible()).resolves.toBe(true);
    await expect.poll(() => page.getByTestId("task-log").textContent()).toMatch(/tick \d+/);
    await screenshot(page, "task-try-live-light");
    // Followed: the newest line is in view (the log is taller than its box by now).
    await expect
      .poll(() => page.getByTestId("task-log").evaluate((el) => el.scrollHeight > el.clientHeight && el.scrollTop + el.clientHeight >= el.scrollHeight - 40), { timeout: 10_000 })
      .toBe(true);

    // The try ends: the tail stops, the state turns success, and this is still the same page.
    await page.getByTestId("log-live").waitFor({ state: "detached", timeout: 30_000 });
    await page.locator("section[aria-labelledby=task-title] h2 ~ [data-state=success]").waitFor({ timeout: 15_000 });
    await expect(lineCount(page)).resolves.toBeGreaterThanOrEqual(25);
    await expect(page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).resolves.toBe(marker);
  });

  it("shows a retried task's tries as tabs, searches the log, and shows XCom and masked rendered fields", async () => {
    const page = await signedIn();
    // From the Grid's cell details…
    const runId = decodeURIComponent(runUrl.split("/").at(-1)!);
    await page.goto(`${dagUrl()}/grid?task=flaky&run=${encodeURIComponent(runId)}`);
    await page.getByRole("complementary", { name: "Selected task instance" }).getByRole("link", { name: /Log of try 2/ }).click();
    await page.waitForURL(/\/tasks\/flaky\?try=2$/);
    await expect(page.getByRole("tab", { selected: true }).textContent()).resolves.toMatch(/Try 2/);
    // …and from the run page's task list.
    await page.goto(runUrl);
    await page.locator("section[aria-labelledby=tasks-title]").getByRole("link", { name: "flaky", exact: true }).click();
    await page.waitForURL(/\/tasks\/flaky$/);
    await expect(page.getByTestId("try-budget").textContent()).resolves.toBe("try 2");

    const tabs = page.getByRole("tab");
    await expect(tabs.allTextContents()).resolves.toEqual(["Try 1(failed)", "Try 2(success)"]);
    await expect(page.getByRole("tab", { selected: true }).textContent()).resolves.toMatch(/Try 2/);
    await page.getByRole("tab", { selected: true }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByRole("tab", { selected: true }).textContent()).resolves.toMatch(/Try 1/);
    await page.waitForURL(/\?try=1$/);
    await expect(page.getByRole("tabpanel").getByRole("note").textContent()).resolves.toMatch(/warehouse was busy/);
    await expect.poll(() => page.getByTestId("task-log").textContent(), { timeout: 10_000 }).toMatch(/row 1 loaded/);

    const search = page.getByRole("searchbox", { name: /Search the log/ });
    await search.fill("ROW 1");
    const count = page.getByTestId("log-search-count");
    await expect.poll(() => count.textContent()).toBe("1 of 11");
    await search.press("Enter");
    await expect.poll(() => count.textContent()).toBe("2 of 11");
    await expect(page.locator("mark[data-current]").textContent()).resolves.toBe("row 1");
    await search.press("Shift+Enter");
    await search.press("Shift+Enter");
    await expect.poll(() => count.textContent()).toBe("11 of 11");
    await expect(page.locator("mark").count()).resolves.toBe(11);
    await screenshot(page, "task-try-search-light");

    const xcom = page.getByTestId("xcom-list");
    await expect(xcom.textContent()).resolves.toMatch(/stats[\s\S]*"source": "orders"/);
    const rendered = page.getByTestId("rendered-fields");
    await expect(rendered.textContent()).resolves.toMatch(/"greeting": "hello world"/);
    await expect(rendered.textContent()).resolves.toMatch(/"token": "\*\*\*"/);
    await expect(page.content()).resolves.not.toContain(TOKEN);

    const flakyUrl = page.url();
    // A task that did not run says why (the run engine's trigger-rule reason).
    await page.goto(`${runUrl}/tasks/if_failed`);
    await expect(page.getByTestId("task-explanation").textContent()).resolves.toMatch(/Why didn’t this task run\?[\s\S]*all_failed/);
    await expect(page.getByRole("tab").count()).resolves.toBe(0);
    await screenshot(page, "task-try-not-run-light");

    const dark = await signedIn("dark");
    await dark.goto(flakyUrl);
    await dark.getByRole("searchbox", { name: /Search the log/ }).fill("loaded");
    await expect.poll(() => dark.getByTestId("log-search-count").textContent(), { timeout: 10_000 }).toBe("1 of 40");
    await screenshot(dark, "task-try-search-dark");
  });

  it("keeps a log at the 10 MiB cap quick to read and search", async () => {
    const page = await signedIn();
    await page.goto(bigLogUrl);
    await expect.poll(() => lineCount(page), { timeout: 30_000 }).toBeGreaterThan(80_000);
    // Only the lines in view are in the DOM.
    await expect(page.getByTestId("task-log").locator("div.flex").count()).resolves.toBeLessThan(200);
    const search = page.getByRole("searchbox", { name: /Search the log/ });
    const count = page.getByTestId("log-search-count");
    let started = Date.now();
    await search.fill("BATCH 54321 ");
    await expect.poll(() => count.textContent(), { timeout: 10_000, interval: 50 }).toBe("1 of 1");
    const oneMatchMs = Date.now() - started;
    await expect(page.locator("mark[data-current]").textContent()).resolves.toBe("batch 54321 ");
    started = Date.now();
    await search.fill("orders");
    await expect.poll(() => count.textContent(), { timeout: 10_000, interval: 50 }).toBe("1 of 10000+");
    await search.press("Enter");
    await expect.poll(() => count.textContent(), { interval: 50 }).toBe("2 of 10000+");
    const manyMatchesMs = Date.now() - started;
    console.log(`10 MiB log (${await lineCount(page)} lines): one match found in ${oneMatchMs} ms, first of 10000+ and a step in ${manyMatchesMs} ms (incl. the 150 ms typing pause)`);
    expect(oneMatchMs).toBeLessThan(3_000);
    await screenshot(page, "task-try-big-log-light");
  });
});
