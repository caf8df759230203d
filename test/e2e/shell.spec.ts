// The authenticated shell in a real browser: landing in dev, switching environment with
// the keyboard, creating a workspace (with its three environments), 404 for another
// organization, 403 for a role too low, and screenshots of every page in both themes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { baseUrl, launchBrowser, newPage, screenshot } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { closeDb, db } from "../../lib/server/db";

let browser: Browser;
let alice: SignedUpUser;
let bob: SignedUpUser;
let viewer: SignedUpUser;
beforeAll(async () => {
  browser = await launchBrowser();
  [alice, bob, viewer] = await Promise.all([
    signUpUser({ name: "Alice Example", organizationName: "Acme Analytics" }),
    signUpUser({ name: "Bob Other", organizationName: "Globex" }),
    signUpUser({ name: "Vera Viewer", organizationName: `Vera ${randomUUID().slice(0, 4)}` }),
  ]);
  // Vera joins Acme through a group bound as viewer on its first workspace (roles reach
  // people only through groups).
  const organizationId = alice.organization.id;
  await db().membership.create({ data: { organizationId, userId: viewer.user.id } });
  const group = await db().group.create({ data: { organizationId, name: "Analysts", members: { create: { userId: viewer.user.id } } } });
  await db().roleBinding.create({
    data: { organizationId, groupId: group.id, scopeType: "workspace", workspaceId: alice.workspace.id, role: "viewer" },
  });
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
const sessions = new Map<string, StorageState>();

/** A page signed in as `user`: logs in through the form once, then reuses the cookie. */
async function signedInPage(user: SignedUpUser, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  let state = sessions.get(user.user.id);
  if (!state) {
    const page = await newPage(browser);
    await logIn(page, user);
    state = await page.context().storageState();
    sessions.set(user.user.id, state);
    await page.context().close();
  }
  const context = await browser.newContext({ baseURL: baseUrl, colorScheme, viewport: { width: 1280, height: 800 }, storageState: state });
  return context.newPage();
}

async function logIn(page: Page, user: SignedUpUser) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(user.user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/e\/dev\/dags$/, { timeout: 30_000 });
}

const dagsUrl = (u: SignedUpUser, env: string, ws = u.workspace.slug) => `/o/${u.organization.slug}/w/${ws}/e/${env}/dags`;

/** Brightness of the page background near the left edge (the first opaque ancestor). */
async function luminance(page: Page) {
  return page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    let el: Element | null = document.elementFromPoint(4, 400);
    let colour = "rgb(255, 255, 255)";
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = bg;
      ctx.fillRect(0, 0, 1, 1);
      if (ctx.getImageData(0, 0, 1, 1).data[3] === 255) {
        colour = bg;
        break;
      }
    }
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (r + g + b) / 3;
  });
}

describe("app shell", () => {
  it("lands in dev, switches environment with the keyboard, and marks production", async () => {
    const page = await newPage(browser);
    await logIn(page, alice); // through the form once, for real
    sessions.set(alice.user.id, await page.context().storageState());
    expect(new URL(page.url()).pathname).toBe(dagsUrl(alice, "dev"));
    await page.getByRole("heading", { name: "No DAGs in dev yet" }).waitFor();
    await expect(page.getByText("npx windsock dags validate dags/*.yaml").isVisible()).resolves.toBe(true);

    // Keyboard only: focus the switcher, open it, move down to stg, choose.
    const envButton = page.getByRole("button", { name: /Environment/ });
    await envButton.focus();
    await page.keyboard.press("ArrowDown");
    const listbox = page.getByRole("listbox", { name: "Environment" });
    await listbox.waitFor();
    expect(await listbox.getByRole("option").allTextContents()).toEqual([
      expect.stringContaining("dev"),
      expect.stringContaining("stg"),
      expect.stringContaining("prd"),
    ]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(`**${dagsUrl(alice, "stg")}`);
    await expect(page.getByRole("note").count()).resolves.toBe(0);

    // Escape closes without moving.
    await envButton.click();
    await listbox.waitFor();
    await page.keyboard.press("Escape");
    await listbox.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-haspopup"))).toBe("listbox");

    // By mouse to prd: the production strip appears.
    await envButton.click();
    await page.getByRole("option", { name: /prd/ }).click();
    await page.waitForURL(`**${dagsUrl(alice, "prd")}`);
    await page.getByRole("note").getByText("Production").waitFor();
    await page.context().close();
  });

  it("creates a workspace with dev, stg and prd, audited, and lands in its dev", async () => {
    const page = await signedInPage(alice);
    await page.goto(dagsUrl(alice, "dev"));
    await page.getByRole("button", { name: /Workspace/ }).click();
    await page.getByRole("link", { name: "Create workspace" }).click();
    await page.waitForURL(/\/settings\/workspaces/);
    // An empty name is refused with a message next to the field.
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.getByText("Enter a workspace name of 2 characters or more.").waitFor();
    await page.getByLabel("Workspace name").fill("Data Platform");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(`**${dagsUrl(alice, "dev", "data-platform")}`);

    await page.getByRole("button", { name: /Workspace/ }).click();
    const options = await page.getByRole("listbox", { name: "Workspace" }).getByRole("option").allTextContents();
    expect(options.some((o) => o.includes("Data Platform"))).toBe(true);
    await page.keyboard.press("Escape");
    for (const env of ["stg", "prd"]) {
      const res = await page.goto(dagsUrl(alice, env, "data-platform"));
      expect(res?.status()).toBe(200);
    }
    const event = await db().auditEvent.findFirst({ where: { organizationId: alice.organization.id, action: "workspace.create" } });
    expect(event).toMatchObject({ outcome: "success", principalId: alice.user.id, summary: { environments: ["dev", "stg", "prd"] } });
    expect(event?.userAgent).toContain("Chrome");
    await page.context().close();
  });

  it("answers 404 for another organization (same page as for one that does not exist), and 403 for a role too low", async () => {
    const page = await signedInPage(alice);
    const foreign = await page.goto(dagsUrl(bob, "dev"));
    expect(foreign?.status()).toBe(404);
    await page.getByRole("heading", { name: "We couldn't find that page" }).waitFor();
    const foreignText = await page.locator("main").innerText();
    const missing = await page.goto(`/o/no-such-org-${randomUUID().slice(0, 6)}/w/x/e/dev/dags`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator("main").innerText()).toBe(foreignText);
    expect((await page.goto(`/o/${alice.organization.slug}/w/${alice.workspace.slug}/e/nope/dags`))?.status()).toBe(404);
    await page.context().close();

    const vera = await signedInPage(viewer);
    const settings = await vera.goto(`/o/${alice.organization.slug}/settings`);
    expect(settings?.status()).toBe(403);
    await vera.getByRole("heading", { name: "You don't have permission to do this" }).waitFor();
    await screenshot(vera, "shell-forbidden-light");
    const denied = await db().auditEvent.findFirst({ where: { principalId: viewer.user.id, outcome: "denied" } });
    expect(denied).toMatchObject({ action: "organization.read", organizationId: alice.organization.id });
    // She sees Acme's first workspace, read-only.
    expect((await vera.goto(dagsUrl(alice, "prd")))?.status()).toBe(200);
    await vera.getByText("Your role: viewer").waitFor();
    await vera.context().close();
  });

  it("sends someone who is not signed in to log in, then back to the very page and query they asked for", async () => {
    // Vera's own landing is her own organization; she asks for a page of Acme's, and gets it.
    const page = await newPage(browser);
    const asked = `${dagsUrl(alice, "prd")}?q=tag%3Areports`;
    await page.goto(asked);
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get("next")).toBe(asked);
    await page.getByLabel("Email", { exact: true }).fill(viewer.user.email);
    await page.getByLabel("Password", { exact: true }).fill(viewer.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === asked);
    await page.context().close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`renders every shell page in ${colorScheme} mode`, async () => {
      const page = await signedInPage(alice, colorScheme);
      const shots: [string, string][] = [
        ["dags-dev", dagsUrl(alice, "dev")],
        ["dags-prd", dagsUrl(alice, "prd")],
        ["org-settings", `/o/${alice.organization.slug}/settings`],
        ["org-members", `/o/${alice.organization.slug}/settings/members`],
        ["org-workspaces", `/o/${alice.organization.slug}/settings/workspaces`],
        ["account", "/app/account"],
        ["not-found", `/o/${bob.organization.slug}`],
        ["not-found-in-org", `/o/${alice.organization.slug}/w/nope`],
      ];
      for (const [name, url] of shots) {
        await page.goto(url);
        const l = await luminance(page);
        if (colorScheme === "dark") expect(l, name).toBeLessThan(60);
        else expect(l, name).toBeGreaterThan(200);
        await screenshot(page, `shell-${name}-${colorScheme}`);
      }
      // The menus, open.
      await page.goto(dagsUrl(alice, "dev"));
      await page.getByRole("button", { name: /Environment/ }).click();
      await screenshot(page, `shell-switcher-open-${colorScheme}`);
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Account menu" }).click();
      await page.getByRole("button", { name: "Log out" }).waitFor();
      await screenshot(page, `shell-user-menu-${colorScheme}`);
      // Narrow screens keep the switcher usable.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.keyboard.press("Escape");
      await screenshot(page, `shell-mobile-${colorScheme}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, "no sideways scrolling on a phone").toBeLessThanOrEqual(0);
      await page.getByRole("button", { name: /Environment/ }).click();
      await screenshot(page, `shell-mobile-switcher-${colorScheme}`);
      await page.context().close();
    });
  }

  it("changes the display name from account settings, audited", async () => {
    const page = await signedInPage(viewer);
    await page.goto("/app/account");
    await page.getByLabel("Name", { exact: true }).fill("Vera Q. Viewer");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Vera Q. Viewer");
    const event = await db().auditEvent.findFirst({ where: { principalId: viewer.user.id, action: "user.update_profile" } });
    expect(event?.summary).toEqual({ before: { name: "Vera Viewer" }, after: { name: "Vera Q. Viewer" } });
    await page.context().close();
  });

  it("toggles the theme from the user menu and remembers it", async () => {
    const page = await signedInPage(alice, "light");
    await page.goto(dagsUrl(alice, "dev"));
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("radio", { name: "Dark" }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await page.reload();
    expect(await page.evaluate(() => localStorage.getItem("windsock-theme"))).toBe("dark");
    expect(await luminance(page)).toBeLessThan(60);
    await page.context().close();
  });
});

