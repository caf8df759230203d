// The accounts journey in a real browser: sign up, land in the new workspace's dev
// environment, switch to prd, log out (the old cookie stops working), log in, reset
// the password through the link in the outbox, change it in account settings. Screenshots of every auth page in both
// themes go to test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, newPage, screenshot } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const outboxDir = process.env.OUTBOX_DIR ?? "";
const DEV_DAGS = /\/o\/[^/]+\/w\/[^/]+\/e\/dev\/dags$/;
const PRD_DAGS = /\/o\/[^/]+\/w\/[^/]+\/e\/prd\/dags$/;

async function backgroundLuminance(page: Page) {
  return page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return (r + g + b) / 3;
  });
}

async function fillSignup(page: Page, user: { name: string; email: string; password: string; org: string }) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("Work email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Organization").fill(user.org);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** The newest mail to `email` in the outbox; the web server writes it just after answering. */
async function waitForMail(email: string, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).filter((f) => f.includes(email)) : [];
    const fresh = files.map((f) => path.join(outboxDir, f)).filter((f) => fs.statSync(f).mtimeMs >= after);
    if (fresh.length) return fs.readFileSync(fresh.sort().at(-1)!, "utf8");
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${email} appeared in ${outboxDir}`);
}

describe("auth pages", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`render with labelled fields in ${colorScheme} mode`, async () => {
      const page = await newPage(browser, { colorScheme });
      for (const [route, heading] of [
        ["/signup", "Create your Windsock account"],
        ["/login", "Log in to Windsock"],
        ["/forgot-password", "Reset your password"],
        ["/reset-password?token=not-a-real-token-at-all-xx", "Choose a new password"],
      ] as const) {
        await page.goto(route);
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(heading);
        const lum = await backgroundLuminance(page);
        if (colorScheme === "dark") expect(lum).toBeLessThan(60);
        else expect(lum).toBeGreaterThan(200);
        await screenshot(page, `auth-${route.slice(1).split("?")[0]}-${colorScheme}`);
      }
      // Errors are shown inline, next to the field, and announced.
      await page.goto("/signup");
      await page.getByLabel("Your name").fill("Short Password");
      await page.getByLabel("Work email").fill("not-an-email");
      await page.getByLabel("Password", { exact: true }).fill("short");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByText("Use at least 10 characters").waitFor();
      expect(await page.getByLabel("Password", { exact: true }).getAttribute("aria-invalid")).toBe("true");
      await page.getByText("Enter an email address like name@example.com.").waitFor();
      await screenshot(page, `auth-signup-errors-${colorScheme}`);
      // Phones get the form alone, without the brand panel.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto("/login");
      await screenshot(page, `auth-login-mobile-${colorScheme}`);
      await page.context().close();
    });
  }
});

describe("next-auth endpoints", () => {
  it("refuse a cross-site POST before next-auth sees it, with a JSON error", async () => {
    const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.c&password=x",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("answer no session without a cookie", async () => {
    const res = await fetch(`${baseUrl}/api/auth/session`);
    expect(res.status).toBe(200);
    expect(await res.json()).toBeNull();
  });
});

describe("accounts journey", () => {
  it("signs up, lands in dev, switches to prd, logs out, logs in, resets the password", async () => {
    const tag = randomUUID().slice(0, 8);
    const user = { name: "Grace Hopper", email: `grace-${tag}@example.com`, password: "compilers are fun 1952", org: `Hopper Labs ${tag}` };
    const page = await newPage(browser);

    // Sign up: straight into the new workspace's dev environment.
    await fillSignup(page, user);
    await page.waitForURL(DEV_DAGS, { timeout: 30_000 });
    expect(await (await page.request.get("/api/auth/session")).json()).toMatchObject({ user: { email: user.email } });
    await screenshot(page, "journey-1-landed-in-dev");

    // Switch to prd with the environment switcher.
    // (app/_components/scope-listbox.tsx: a button named "Environment <current>" opening a listbox.)
    await page.getByRole("button", { name: /^Environment\b/ }).click();
    await page.getByRole("listbox", { name: "Environment" }).getByRole("option", { name: /\bprd\b|Production/ }).click();
    await page.waitForURL(PRD_DAGS);
    await screenshot(page, "journey-2-switched-to-prd");

    // Log out; a copy of the old session cookie no longer gets in.
    const oldCookies = await page.context().cookies();
    await logOutFromShell(page);
    await page.waitForURL(/\/login/);
    await page.getByText("You are logged out.").waitFor();
    await screenshot(page, "journey-3-logged-out");
    const thief = await browser.newContext({ baseURL: new URL(page.url()).origin });
    await thief.addCookies(oldCookies);
    const thiefPage = await thief.newPage();
    await thiefPage.goto("/app");
    await thiefPage.waitForURL(/\/login/);
    expect(await (await thiefPage.request.get("/api/auth/session")).json()).toBeNull();
    await thief.close();

    // A wrong password and a taken email get clear answers.
    await logIn(page, user.email, "not my password at all");
    await page.getByText("Incorrect email or password.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("password");
    await fillSignup(page, { ...user, org: "Another Org" });
    await page.getByText("An account with this email already exists. Log in or reset your password.").waitFor();

    // Log in again, with the keyboard only: the email field has focus, Tab reaches the
    // password, Enter sends the form. Back in dev.
    await page.goto("/login");
    // The email field takes focus when the form hydrates; typing before that would go nowhere.
    await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "email");
    await page.keyboard.type(user.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(user.password);
    await page.keyboard.press("Enter");
    await page.waitForURL(DEV_DAGS);
    await logOutFromShell(page);
    await page.waitForURL(/\/login/);

    // Reset the password through the link in the outbox.
    const asked = Date.now() - 1000;
    await page.goto("/forgot-password");
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByText("If an account exists for that email").waitFor();
    await screenshot(page, "journey-4-reset-link-sent");
    const mail = await waitForMail(user.email, asked);
    const link = mail.match(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/)?.[0];
    expect(link, mail).toBeDefined();
    await page.goto(link!);
    await screenshot(page, "journey-5-reset-form");
    await page.getByLabel("New password", { exact: true }).fill("a whole new passphrase");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.waitForURL(/\/login\?notice=reset/);
    await page.getByText("Your password was changed").waitFor();

    // The link is single-use; the old password is gone; the new one works.
    await page.goto(link!);
    await page.getByText("This reset link is invalid, expired or already used").waitFor();
    await logIn(page, user.email, user.password);
    await page.getByText("Incorrect email or password.").waitFor();
    await logIn(page, user.email, "a whole new passphrase");
    await page.waitForURL(DEV_DAGS);

    // Change the password from account settings: this session stays, the other one ends.
    const other = await newPage(browser);
    await logIn(other, user.email, "a whole new passphrase");
    await other.waitForURL(DEV_DAGS);
    await page.goto("/app/account");
    await page.getByLabel("Current password", { exact: true }).fill("a whole new passphrase");
    await page.getByLabel("New password", { exact: true }).fill("the third passphrase now");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed. 1 other session was logged out.").waitFor();
    await screenshot(page, "journey-6-password-changed");
    await page.reload();
    expect(new URL(page.url()).pathname).toBe("/app/account");
    await other.goto("/app");
    await other.waitForURL(/\/login/);
    await other.context().close();
    await page.context().close();
  });
});

/** The app shell's log-out control, possibly inside an account menu. */
async function logOutFromShell(page: Page) {
  const direct = page.getByRole("button", { name: "Log out" });
  if (!(await direct.isVisible())) {
    await page.getByRole("button", { name: /account|user menu|profile/i }).first().click();
  }
  await page.getByRole("button", { name: "Log out" }).or(page.getByRole("menuitem", { name: "Log out" })).first().click();
}
