// Pools in a real browser: an editor finds default_pool (128 slots) on the Pools tab, is
// told what is wrong with a bad pool, creates one, sees the slots running tries hold and
// the tries waiting, resizes it below what runs, cannot delete default_pool, is refused
// deleting the pool while tries run in it and deletes it once they finished. A viewer sees
// the table without controls. Screenshots in both themes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, logIn, pageWith, screenshot, type SessionState } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { finishTries, usePool } from "../factories/pools";
import { closeDb, db } from "../../lib/server/db";

let browser: Browser;
let owner: SignedUpUser;
let viewer: SignedUpUser;
let ownerState: SessionState;
let viewerState: SessionState;

beforeAll(async () => {
  browser = await launchBrowser();
  [owner, viewer] = await Promise.all([
    signUpUser({ name: "Polly Pool", organizationName: "Pool Party" }),
    signUpUser({ name: "Vic Viewer", organizationName: `Vic ${randomUUID().slice(0, 4)}` }),
  ]);
  const organizationId = owner.organization.id;
  await db().membership.create({ data: { organizationId, userId: viewer.user.id } });
  const group = await db().group.create({ data: { organizationId, name: `viewers-${randomUUID().slice(0, 6)}`, members: { create: { userId: viewer.user.id } } } });
  await db().roleBinding.create({ data: { organizationId, groupId: group.id, scopeType: "workspace", workspaceId: owner.workspace.id, role: "viewer" } });
  [ownerState, viewerState] = await Promise.all([logIn(browser, { email: owner.user.email, password: owner.password }), logIn(browser, { email: viewer.user.email, password: viewer.password })]);
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const envBase = () => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev`;
const dev = () => ({ id: owner.environments.dev.id, organizationId: owner.organization.id });
const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
const cells = async (page: Page, name: string) => (await row(page, name).getByRole("cell").allTextContents()).map((t) => t.trim());

describe("pools in the browser", () => {
  it("an editor creates, resizes and deletes a pool; default_pool is always there and cannot be deleted", async () => {
    const page = await pageWith(browser, ownerState);
    await page.goto(`${envBase()}/dags`);
    await page.getByRole("navigation", { name: "Environment sections" }).getByRole("link", { name: "Pools" }).click();
    await page.waitForURL(/\/pools$/);
    await row(page, "default_pool").waitFor();
    expect(await cells(page, "default_pool")).toEqual(["128", "0", "0", "128"]);

    // Every problem is named next to its field.
    const form = page.getByRole("form", { name: "New pool" });
    await form.getByLabel("Name").fill("bad name");
    await form.getByLabel("Slots").fill("-3");
    await form.getByRole("button", { name: "Add pool" }).click();
    await page.getByText("Fix the fields marked below.").waitFor();
    expect(await form.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    await page.getByText('Name may contain only letters, digits, "_", "-" and "."').waitFor();
    await page.getByText("Slots must be 0 or more (0 lets no task of the pool run), or -1 for no limit").waitFor();
    await screenshot(page, "pools-errors-light");

    await form.getByLabel("Name").fill("warehouse");
    await form.getByLabel("Slots").fill("4");
    await form.getByLabel("Description").fill("Snowflake: at most 4 queries at a time");
    await form.getByRole("button", { name: "Add pool" }).click();
    await page.getByText("Added warehouse.").waitFor();
    await form.getByLabel("Name").fill("default_pool");
    await form.getByLabel("Slots").fill("8");
    await form.getByRole("button", { name: "Add pool" }).click();
    await page.getByText("Name is already used in this environment").waitFor();

    // Tries run and wait in it (as the run engine records them).
    const runId = await usePool(dev(), "warehouse", { runningSlots: [1, 2], waiting: 2 });
    await usePool(dev(), "default_pool", { runningSlots: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], waiting: 0 });
    await page.reload();
    await row(page, "warehouse").waitFor();
    expect(await cells(page, "warehouse")).toEqual(["4", "3", "2", "1"]);
    expect(await cells(page, "default_pool")).toEqual(["128", "10", "0", "118"]);
    expect(await row(page, "warehouse").getByRole("img", { name: "3 of 4 slots in use" }).count()).toBe(1);
    await screenshot(page, "pools-light");

    // Resize below what runs: open goes negative, nothing is stopped.
    await page.getByRole("link", { name: "warehouse", exact: true }).click();
    await page.waitForURL(/\/pools\/warehouse$/);
    const edit = page.getByRole("form", { name: "Edit warehouse" });
    await edit.getByLabel("Slots").fill("2");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();
    await page.reload();
    await expect(page.getByRole("region", { name: "Usage" }).textContent()).resolves.toMatch(/Slots2Running3Queued2Open-1/);
    await screenshot(page, "pool-edit-light");

    // Deleting it while tries run in it is refused, saying why; once they finished it goes.
    await page.getByRole("button", { name: "Delete…" }).click();
    await page.getByRole("button", { name: "Delete warehouse" }).click();
    await page.getByText('Pool "warehouse" is in use: 2 running task tries hold 3 of its slots. Delete it when they have finished.').waitFor();
    await screenshot(page, "pool-delete-refused-light");
    await finishTries(runId);
    await page.getByRole("button", { name: "Delete warehouse" }).click();
    await page.waitForURL(/\/pools\?deleted=warehouse$/, { timeout: 30_000 });
    await page.getByText("Deleted warehouse.").waitFor();
    expect(await row(page, "warehouse").count()).toBe(0);

    // default_pool: resizable, never deletable (no button, and the API refuses too).
    await page.getByRole("link", { name: "default_pool", exact: true }).click();
    await page.waitForURL(/\/pools\/default_pool$/);
    await page.getByText("default_pool cannot be deleted: every task that names no pool runs in it.", { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: "Delete…" }).count()).toBe(0);
    const refused = await page.request.delete(`/api/v1/environments/${owner.environments.dev.id}/pools/default_pool`, { headers: { origin: baseUrl } });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.message).toMatch(/default_pool cannot be deleted/);
    const defaultEdit = page.getByRole("form", { name: "Edit default_pool" });
    await defaultEdit.getByLabel("Slots").fill("64");
    await defaultEdit.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();
    await screenshot(page, "pool-default-light");
    await page.context().close();

    const dark = await pageWith(browser, ownerState, "dark");
    await dark.goto(`${envBase()}/pools`);
    const darkForm = dark.getByRole("form", { name: "New pool" });
    await darkForm.getByLabel("Name").fill("api_calls");
    await darkForm.getByLabel("Slots").fill("3");
    await darkForm.getByRole("button", { name: "Add pool" }).click();
    await dark.getByText("Added api_calls.").waitFor();
    await usePool(dev(), "api_calls", { runningSlots: [1, 1, 1], waiting: 5 });
    await dark.reload();
    expect(await cells(dark, "default_pool")).toEqual(["64", "10", "0", "54"]);
    expect(await cells(dark, "api_calls")).toEqual(["3", "3", "5", "0"]);
    await screenshot(dark, "pools-dark");
    await dark.getByRole("link", { name: "api_calls", exact: true }).click();
    await dark.waitForURL(/\/pools\/api_calls$/);
    await dark.getByRole("form", { name: "Edit api_calls" }).getByLabel("Slots").fill("");
    await dark.getByRole("button", { name: "Save changes" }).click();
    await dark.getByText("Slots is required: a whole number of slots, 0 or more").waitFor();
    await screenshot(dark, "pool-edit-dark");
    await dark.context().close();
  });

  it("a viewer sees the pools without controls", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await pageWith(browser, viewerState, scheme);
      await page.goto(`${envBase()}/pools`);
      await row(page, "default_pool").waitFor();
      expect(await page.getByRole("form", { name: "New pool" }).count()).toBe(0);
      expect(await page.getByRole("link", { name: "default_pool" }).count()).toBe(0);
      await page.getByText("Editors of this environment can add, resize and delete pools.").waitFor();
      await screenshot(page, `pools-viewer-${scheme}`);
      await page.context().close();
    }
    // On a phone: no sideways scrolling.
    const small = await pageWith(browser, viewerState, "light", { width: 390, height: 800 });
    await small.goto(`${envBase()}/pools`);
    await small.getByRole("heading", { level: 1, name: "Pools" }).waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(small, "pools-phone");
    await small.context().close();
  });
});
