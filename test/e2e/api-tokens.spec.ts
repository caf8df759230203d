// API tokens in a real browser: an admin creates one (the secret shown once, copyable),
// it works against the REST API, the list shows its last use and never the secret again,
// revoking it refuses its next request; a viewer does not see the page. Both themes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { baseUrl, launchBrowser, screenshot } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { closeDb, db } from "../../lib/server/db";

let browser: Browser;
let alice: SignedUpUser;
let vera: SignedUpUser;
beforeAll(async () => {
  browser = await launchBrowser();
  [alice, vera] = await Promise.all([signUpUser({ name: "Alice Admin", organizationName: "Tokens Co" }), signUpUser({ name: "Vera Viewer" })]);
  const organizationId = alice.organization.id;
  await db().membership.create({ data: { organizationId, userId: vera.user.id } });
  const group = await db().group.create({ data: { organizationId, name: "Readers", members: { create: { userId: vera.user.id } } } });
  await db().roleBinding.create({ data: { organizationId, groupId: group.id, scopeType: "workspace", workspaceId: alice.workspace.id, role: "viewer" } });
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

async function signedIn(user: SignedUpUser, colorScheme: "light" | "dark" = "light"): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ baseURL: baseUrl, colorScheme, viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(user.user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/e\/dev\/dags$/, { timeout: 30_000 });
  return { page, context };
}

const tokensUrl = (u: SignedUpUser) => `/o/${u.organization.slug}/w/${u.workspace.slug}/e/dev/tokens`;
const listDags = (secret: string) =>
  fetch(`${baseUrl}/api/v1/environments/${alice.environments.dev.id}/dags`, { headers: { authorization: `Bearer ${secret}`, "x-forwarded-for": "203.0.113.9" } });

describe("API tokens page", () => {
  it("creates a token shown once, which works, is listed with its last use, and stops when revoked", async () => {
    const { page, context } = await signedIn(alice);
    await page.getByRole("link", { name: "API tokens" }).click();
    await page.waitForURL(/\/tokens$/);
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 }).isVisible()).resolves.toBe(true);

    await page.getByLabel("Name", { exact: true }).fill("github-actions-deploy");
    await page.getByLabel("Role").selectOption("operator");
    await page.getByLabel("Expires after").selectOption("30");
    await page.getByRole("button", { name: "Create token" }).click();
    const secretField = page.getByLabel("New API token");
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^wsk_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, "api-tokens-created-light");

    expect((await listDags(secret)).status).toBe(200);

    await page.reload();
    const row = page.getByRole("row", { name: /github-actions-deploy/ });
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    const text = await row.innerText();
    expect(text).toContain("operator");
    expect(text).toContain(secret.slice(0, 12));
    expect(text).toContain("203.0.113.9");
    expect(text).toContain("active");

    // The organization's overview lists it with its environment.
    await page.goto(`/o/${alice.organization.slug}/settings/tokens`);
    const overviewRow = page.getByRole("row", { name: /github-actions-deploy/ });
    await overviewRow.waitFor();
    expect(await overviewRow.innerText()).toContain("Default / dev");
    await screenshot(page, "api-tokens-organization-light");
    await page.goto(tokensUrl(alice));

    await page.getByRole("button", { name: "Revoke token github-actions-deploy" }).click();
    await page.getByRole("button", { name: "Revoke now" }).click();
    await page.getByRole("row", { name: /github-actions-deploy/ }).getByText("revoked").waitFor();
    expect((await listDags(secret)).status).toBe(401);
    const audited = await db().auditEvent.count({ where: { organizationId: alice.organization.id, action: { in: ["api_token.create", "api_token.revoke"] } } });
    expect(audited).toBe(2);
    await context.close();
  });

  it("reads well in dark mode", async () => {
    const { page, context } = await signedIn(alice, "dark");
    await page.goto(tokensUrl(alice));
    await page.getByLabel("Name", { exact: true }).fill("nightly-report");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByLabel("New API token").waitFor();
    await screenshot(page, "api-tokens-created-dark");
    await context.close();
  });

  it("is not offered to a viewer, and answers 403 when opened anyway", async () => {
    const { page, context } = await signedIn(vera);
    await page.goto(`/o/${alice.organization.slug}/w/${alice.workspace.slug}/e/dev/dags`);
    expect(await page.getByRole("link", { name: "API tokens" }).count()).toBe(0);
    const response = await page.goto(tokensUrl(alice));
    expect(response?.status()).toBe(403);
    await context.close();
  });
});
