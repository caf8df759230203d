// Browser tests drive Debian's Chromium with playwright-core (no downloaded browsers).
// infra/test.mjs serves the built app and passes its URL in E2E_BASE_URL.
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

export const baseUrl = process.env.E2E_BASE_URL ?? "";

export async function launchBrowser(): Promise<Browser> {
  if (!baseUrl) throw new Error("E2E_BASE_URL is not set: run browser tests with `npm run test:e2e`.");
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** Saves a screenshot under test-results/screenshots/ for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve(import.meta.dirname, "../../../test-results/screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function newPage(browser: Browser, options: { colorScheme?: "light" | "dark" } = {}) {
  const context = await browser.newContext({ baseURL: baseUrl, colorScheme: options.colorScheme ?? "light", viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

export type SessionState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Logs `user` in through the login form once; the returned state opens signed-in pages (pageWith). */
export async function logIn(browser: Browser, user: { email: string; password: string }): Promise<SessionState> {
  const page = await newPage(browser);
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/e\/dev\/dags$/, { timeout: 30_000 });
  const state = await page.context().storageState();
  await page.context().close();
  return state;
}

/** A page in a fresh context carrying a session from logIn. */
export async function pageWith(
  browser: Browser,
  state: SessionState,
  colorScheme: "light" | "dark" = "light",
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, colorScheme, viewport, storageState: state });
  return context.newPage();
}
