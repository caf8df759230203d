import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, newPage, screenshot } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("landing page", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`says what Windsock is and links to sign-up and log-in (${colorScheme})`, async () => {
      const page = await newPage(browser, { colorScheme });
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Airflow");
      expect(await page.getByRole("link", { name: "Sign up" }).getAttribute("href")).toBe("/signup");
      expect(await page.getByRole("link", { name: "Log in" }).first().getAttribute("href")).toBe("/login");
      // Dark mode must actually be dark, light mode light.
      const luminance = await page.evaluate(() => {
        // Colours come as oklch(); let a canvas turn them into sRGB bytes.
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return (r + g + b) / 3;
      });
      if (colorScheme === "dark") expect(luminance).toBeLessThan(60);
      else expect(luminance).toBeGreaterThan(200);
      await screenshot(page, `landing-${colorScheme}`);
      await page.context().close();
    });
  }

  it("serves a healthy /api/health without authentication", async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ database: "ok", temporal: "ok" });
  });
});
