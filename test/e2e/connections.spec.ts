// Connections and variables in a real browser: an editor adds a PostgreSQL connection in
// dev pointing at the test database and tests it successfully on a worker; the password
// never appears in any page's HTML (or the API) afterwards; a viewer sees that the
// password is set but has no way to edit; a secret variable is masked. Screenshots of
// every page in both themes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { baseUrl, launchBrowser, newPage, screenshot } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { createPostgresLogin, type PostgresLogin } from "../factories/postgres-role";
import { closeDb, db } from "../../lib/server/db";
import { env } from "../../lib/server/env";

let browser: Browser;
let owner: SignedUpUser;
let editor: SignedUpUser;
let viewer: SignedUpUser;
let pgLogin: PostgresLogin;
const variableSecret = `PLANTED-var-${randomUUID().slice(0, 8)}-s3cr3t`;

async function joinAs(user: SignedUpUser, role: "viewer" | "editor") {
  const organizationId = owner.organization.id;
  await db().membership.create({ data: { organizationId, userId: user.user.id } });
  const group = await db().group.create({ data: { organizationId, name: `${role}s-${randomUUID().slice(0, 6)}`, members: { create: { userId: user.user.id } } } });
  await db().roleBinding.create({ data: { organizationId, groupId: group.id, scopeType: "workspace", workspaceId: owner.workspace.id, role } });
}

beforeAll(async () => {
  browser = await launchBrowser();
  [owner, editor, viewer] = await Promise.all([
    signUpUser({ name: "Olive Owner", organizationName: "Acme Data" }),
    signUpUser({ name: "Eddie Editor", organizationName: `Eddie ${randomUUID().slice(0, 4)}` }),
    signUpUser({ name: "Vera Viewer", organizationName: `Vera ${randomUUID().slice(0, 4)}` }),
  ]);
  await joinAs(editor, "editor");
  await joinAs(viewer, "viewer");
  pgLogin = await createPostgresLogin(env().DATABASE_URL);
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
const sessions = new Map<string, StorageState>();

async function signedInPage(user: SignedUpUser, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  let state = sessions.get(user.user.id);
  if (!state) {
    const page = await newPage(browser);
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(user.user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/dags$/, { timeout: 30_000 });
    state = await page.context().storageState();
    sessions.set(user.user.id, state);
    await page.context().close();
  }
  const context = await browser.newContext({ baseURL: baseUrl, colorScheme, viewport: { width: 1280, height: 860 }, storageState: state });
  return context.newPage();
}

const envBase = () => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev`;

describe("connections in the browser", () => {
  it("an editor adds a PostgreSQL connection in dev, tests it, and the password never shows again", async () => {
    const page = await signedInPage(editor);
    await page.goto(`${envBase()}/dags`);
    await page.getByRole("link", { name: "Connections" }).click();
    await page.waitForURL(/\/connections$/);
    await screenshot(page, "connections-empty-light");
    await page.getByRole("link", { name: "Add connection" }).first().click();
    await page.waitForURL(/\/connections\/new$/);

    const form = page.getByRole("form", { name: "New connection" });
    await form.getByLabel("Connection id").fill("warehouse");
    await form.getByLabel("Type").selectOption("postgres");
    await form.getByLabel("Description").fill("Test database");
    await form.getByLabel("Host").fill(pgLogin.host);
    await form.getByLabel("Port").fill(String(pgLogin.port));
    await form.getByLabel("Login").fill(pgLogin.login);
    await form.getByLabel("Password").fill(pgLogin.password);
    await form.getByLabel("Database").fill(pgLogin.schema);
    await screenshot(page, "connection-new-light");
    await form.getByRole("button", { name: "Add connection" }).click();
    await page.waitForURL(/\/connections\/warehouse\?saved=created$/, { timeout: 30_000 });
    await expect(page.getByRole("status").first().textContent()).resolves.toMatch(/Added/);

    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.locator("[data-test-status]");
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute("data-test-status")).toBe("ok");
    expect(await result.textContent()).toMatch(/Connection works.*SELECT 1 answered 1/s);
    await screenshot(page, "connection-tested-light");
    const decrypts = await db().auditEvent.findMany({ where: { organizationId: owner.organization.id, action: "connection.decrypt", principalId: editor.user.id } });
    expect(decrypts.map((e) => (e.summary as { purpose?: string }).purpose)).toContain("test");

    // The password is nowhere: this page, a fresh load of it, the list, the API.
    expect(await page.content()).not.toContain(pgLogin.password);
    for (const path of [`${envBase()}/connections/warehouse`, `${envBase()}/connections`]) {
      const response = await page.goto(path);
      const html = (await response?.text()) ?? "";
      expect(html).toContain("warehouse");
      expect(html).not.toContain(pgLogin.password);
      expect(await page.content()).not.toContain(pgLogin.password);
    }
    const api = await page.request.get(`/api/v1/environments/${owner.environments.dev.id}/connections/warehouse`);
    expect(api.status()).toBe(200);
    const apiText = await api.text();
    expect(JSON.parse(apiText)).toMatchObject({ connection_id: "warehouse", secrets_set: ["password"] });
    expect(apiText).not.toContain(pgLogin.password);
    await screenshot(page, "connections-list-light");

    // Editing without re-entering the password keeps it: the test still logs in.
    await page.goto(`${envBase()}/connections/warehouse`);
    const edit = page.getByRole("form", { name: "Edit warehouse" });
    await edit.getByLabel("Description").fill("Test database (renamed)");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved. Secret fields you left blank kept their values.").waitFor();
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.locator("[data-test-status]").waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-test-status]").getAttribute("data-test-status")).toBe("ok");
    expect(await page.content()).not.toContain(pgLogin.password);

    const dark = await signedInPage(editor, "dark");
    await dark.goto(`${envBase()}/connections/warehouse`);
    await dark.getByRole("button", { name: "Test connection" }).click();
    await dark.locator("[data-test-status]").waitFor({ timeout: 60_000 });
    await screenshot(dark, "connection-tested-dark");
    await dark.goto(`${envBase()}/connections/new`);
    await dark.getByRole("form", { name: "New connection" }).getByLabel("Type").selectOption("http");
    await dark.getByRole("form", { name: "New connection" }).getByLabel("Authentication").selectOption("bearer");
    await screenshot(dark, "connection-new-http-dark");
    await dark.goto(`${envBase()}/connections`);
    await screenshot(dark, "connections-list-dark");
    await dark.context().close();
    await page.context().close();
  });

  it("names every problem in the form, and imports an Airflow URI", async () => {
    const page = await signedInPage(editor);
    await page.goto(`${envBase()}/connections/new`);
    const form = page.getByRole("form", { name: "New connection" });
    await form.getByLabel("Connection id").fill("bad id");
    await form.getByLabel("Port").fill("99999");
    await form.getByRole("button", { name: "Add connection" }).click();
    await page.getByText("Fix the fields marked below.").waitFor();
    expect(await form.getByLabel("Connection id").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByText("Port must be 1-65535").count()).toBe(1);
    expect(await page.getByText("Host is required for a postgres connection").count()).toBe(1);
    await screenshot(page, "connection-new-errors-light");

    const imp = page.getByRole("form", { name: "Import from a URI" });
    await imp.getByLabel("Connection id").fill("from_airflow");
    await imp.getByLabel("Connection URI").fill(`postgres://${pgLogin.login}:${encodeURIComponent(pgLogin.password)}@${pgLogin.host}:${pgLogin.port}/${pgLogin.schema}`);
    await imp.getByRole("button", { name: "Import connection" }).click();
    await page.waitForURL(/\/connections\/from_airflow\?saved=imported$/, { timeout: 30_000 });
    const html = await page.content();
    expect(html).toContain(`postgres://${pgLogin.login}@${pgLogin.host}:${pgLogin.port}/${pgLogin.schema}`);
    expect(html).not.toContain(pgLogin.password);
    await page.context().close();
  });

  it("a viewer sees that the password is set, not its value, and no edit or test buttons", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await signedInPage(viewer, scheme);
      await page.goto(`${envBase()}/connections/warehouse`);
      await page.getByRole("heading", { name: "warehouse" }).waitFor();
      expect(await page.getByText("Set", { exact: true }).count()).toBeGreaterThan(0);
      expect(await page.getByRole("button", { name: "Save changes" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Test connection" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Delete…" }).count()).toBe(0);
      expect(await page.content()).not.toContain(pgLogin.password);
      await screenshot(page, `connection-viewer-${scheme}`);
      await page.goto(`${envBase()}/connections`);
      expect(await page.getByRole("link", { name: "Add connection" }).count()).toBe(0);
      await page.context().close();
    }
  });

  it("variables: a secret value is write-only and masked", async () => {
    const page = await signedInPage(editor);
    await page.goto(`${envBase()}/variables`);
    await screenshot(page, "variables-empty-light");
    const form = page.getByRole("form", { name: "New variable" });
    await form.getByLabel("Key").fill("s3_bucket");
    await form.getByLabel("Value").fill("raw-events");
    await form.getByRole("button", { name: "Add variable" }).click();
    await page.getByText("Added s3_bucket.").waitFor();
    await form.getByLabel("Key").fill("partner_api_key");
    await form.getByLabel("Value").fill(variableSecret);
    await form.getByRole("button", { name: "Add variable" }).click();
    await page.getByText("Added partner_api_key.").waitFor();
    await page.reload();
    await page.getByRole("cell", { name: "raw-events" }).waitFor();
    expect(await page.content()).not.toContain(variableSecret);
    await screenshot(page, "variables-light");
    await page.goto(`${envBase()}/variables/partner_api_key`);
    expect(await page.content()).not.toContain(variableSecret);
    await page.getByText("Set — leave blank to keep it.").waitFor();
    await screenshot(page, "variable-edit-light");
    await page.context().close();

    // On a phone: no sideways scrolling on the list and detail pages.
    const phone = await browser.newContext({ baseURL: baseUrl, viewport: { width: 390, height: 800 }, storageState: sessions.get(editor.user.id) });
    const small = await phone.newPage();
    for (const [path, name] of [[`${envBase()}/connections`, "connections-phone"], [`${envBase()}/connections/warehouse`, "connection-phone"], [`${envBase()}/variables`, "variables-phone"]]) {
      await small.goto(path);
      await small.getByRole("heading", { level: 1 }).waitFor();
      expect(await small.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      await screenshot(small, name);
    }
    await phone.close();

    const dark = await signedInPage(viewer, "dark");
    await dark.goto(`${envBase()}/variables`);
    expect(await dark.content()).not.toContain(variableSecret);
    expect(await dark.getByRole("form", { name: "New variable" }).count()).toBe(0);
    await screenshot(dark, "variables-viewer-dark");
    await dark.context().close();
  });
});
