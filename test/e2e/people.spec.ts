// People in a real browser: an owner creates a group, binds it to dev as editor and prd
// as viewer, and invites someone; the invitee signs up from the mailed link and lands
// with exactly that access (prd read-only, no stg, no settings); the audit log shows it
// all and exports it. Screenshots of every people page in both themes and on a phone.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, newPage, screenshot } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { closeDb, db } from "../../lib/server/db";

const outboxDir = process.env.OUTBOX_DIR ?? "";
let browser: Browser;
let owner: SignedUpUser;
let ownerState: Awaited<ReturnType<Awaited<ReturnType<Browser["newContext"]>>["storageState"]>>;
const inviteeEmail = `nora-${randomUUID().slice(0, 8)}@example.com`;
const inviteePassword = "lantern orchard velvet";
let groupUrl = "";
let inviteeId = "";

beforeAll(async () => {
  browser = await launchBrowser();
  owner = await signUpUser({ name: "Olivia Owner", organizationName: `People ${randomUUID().slice(0, 4)}` });
  const page = await newPage(browser);
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(owner.user.email);
  await page.getByLabel("Password", { exact: true }).fill(owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/e\/dev\/dags$/, { timeout: 30_000 });
  ownerState = await page.context().storageState();
  await page.context().close();
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const settings = () => `/o/${owner.organization.slug}/settings`;
const dagsUrl = (env: string) => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/${env}/dags`;

async function ownerPage(colorScheme: "light" | "dark" = "light", viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, colorScheme, viewport, storageState: ownerState });
  return context.newPage();
}

/** The newest mail to `email` in the outbox. */
async function waitForMail(email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(outboxDir) ? fs.readdirSync(outboxDir).filter((f) => f.includes(email)) : [];
    if (files.length) return fs.readFileSync(path.join(outboxDir, files.sort().at(-1)!), "utf8");
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${email} appeared in ${outboxDir}`);
}

describe("people", () => {
  it("owner creates a group, binds dev as editor and prd as viewer, and invites someone into it", async () => {
    const page = await ownerPage();
    await page.goto(`${settings()}/groups`);
    await page.getByRole("link", { name: "Groups", exact: true }).and(page.locator("[aria-current=page]")).waitFor();
    // An empty name is refused next to the field.
    await page.getByRole("button", { name: "Create group" }).click();
    await page.getByText("Enter a group name of 2 characters or more.").waitFor();
    await page.getByLabel("Group name").fill("Data team");
    await page.getByLabel("Description (optional)").fill("Builds the pipelines");
    await page.getByRole("button", { name: "Create group" }).click();
    await page.waitForURL(/\/settings\/groups\/[0-9a-f-]{36}$/);
    groupUrl = new URL(page.url()).pathname;
    await page.getByRole("heading", { name: "Data team" }).waitFor();

    for (const [env, role] of [["dev", "editor"], ["prd", "viewer"]] as const) {
      await page.getByLabel("Where").selectOption({ label: `${owner.workspace.name} / ${env}` });
      await page.getByLabel("Role", { exact: true }).selectOption(role);
      await page.getByRole("button", { name: "Add binding" }).click();
      await page.getByText(`Bound Data team as ${role} on ${owner.workspace.slug}/${env}.`).waitFor();
    }
    const bindings = page.locator("#bindings li");
    await expect.poll(() => bindings.allInnerTexts()).toEqual([expect.stringMatching(/editor[\s\S]*\/ dev/i), expect.stringMatching(/viewer[\s\S]*\/ prd/i)]);
    // Owner exists only on the organization: refused with the reason.
    await page.getByLabel("Where").selectOption({ label: `${owner.workspace.name} / stg` });
    await page.getByLabel("Role", { exact: true }).selectOption("owner");
    await page.getByRole("button", { name: "Add binding" }).click();
    await page.getByText(/owner role exists only on the organization/).waitFor();
    await screenshot(page, "people-group-detail-light");

    await page.getByRole("link", { name: "Invitations" }).click();
    await page.waitForURL(/\/settings\/invitations$/);
    await page.getByLabel("Email address").fill(inviteeEmail);
    await page.getByRole("checkbox", { name: /Data team/ }).check();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${inviteeEmail}.`).waitFor();
    await page.getByText(inviteeEmail, { exact: true }).waitFor();
    await screenshot(page, "people-invitations-light");
    await page.context().close();
  });

  it("the invitee signs up from the mailed link and lands with exactly that access; the link works once", async () => {
    const mail = await waitForMail(inviteeEmail);
    const link = mail.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0];
    expect(link, "the mail carries an invitation link").toBeTruthy();
    const page = await newPage(browser);
    await page.goto(link!);
    await page.getByRole("heading", { name: `Join ${owner.organization.name} on Windsock` }).waitFor();
    expect(await page.locator("form").innerText()).toContain(inviteeEmail);
    await screenshot(page, "people-invite-signup-light");
    await page.getByLabel("Your name").fill("Nora New");
    await page.getByLabel("Password", { exact: true }).fill(inviteePassword);
    await page.getByRole("button", { name: "Create account and join" }).click();
    await page.waitForURL(`**${dagsUrl("dev")}`, { timeout: 30_000 });
    await page.getByText("Your role: editor").waitFor();

    // The switcher offers dev and prd, not stg.
    await page.getByRole("button", { name: /Environment/ }).click();
    const options = await page.getByRole("listbox", { name: "Environment" }).getByRole("option").allTextContents();
    expect(options.map((o) => o.match(/dev|stg|prd/)?.[0])).toEqual(["dev", "prd"]);
    await page.keyboard.press("Escape");

    expect((await page.goto(dagsUrl("prd")))?.status()).toBe(200);
    await page.getByText("Your role: viewer").waitFor();
    expect((await page.goto(dagsUrl("stg")))?.status()).toBe(404);
    expect((await page.goto(`${settings()}/groups`))?.status()).toBe(403);
    const nora = await db().user.findUniqueOrThrow({ where: { email: inviteeEmail } });
    inviteeId = nora.id;

    // The link is spent: a clear page, not a form.
    await page.goto(link!);
    await page.getByRole("heading", { name: "This invitation was already used" }).waitFor();
    await page.context().close();
  });

  it("the owner sees the invitee's effective access and the audit log of all of it, and exports it", async () => {
    const page = await ownerPage();
    await page.goto(`${settings()}/members`);
    await page.getByRole("link", { name: "Effective access of Nora New" }).click();
    await page.waitForURL(`**/settings/members/${inviteeId}`);
    const row = (env: string) => page.locator(`tr[data-env=${env}]`);
    expect(await row("dev").innerText()).toMatch(/editor[\s\S]*via Data team on this environment/i);
    expect(await row("prd").innerText()).toMatch(/viewer[\s\S]*via Data team/i);
    expect(await row("stg").innerText()).toMatch(/No access/);
    await screenshot(page, "people-effective-access-light");

    await page.goto(`${settings()}/audit`);
    await page.getByText(/Hash chain verified/).waitFor();
    const actions = await page.locator("tbody tr td:nth-child(2) span:first-child").allInnerTexts();
    for (const action of ["group.create", "role_binding.create", "invitation.create", "invitation.accept", "user.signup"]) expect(actions).toContain(action);
    // Filtering by action: the two bindings (the refused owner-on-stg was invalid input, not an attempt across the line).
    await page.getByLabel("Action").fill("role_binding.create");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/action=role_binding.create/);
    expect(await page.locator("tbody tr").count()).toBe(2);
    await screenshot(page, "people-audit-light");

    const exported = await page.request.get(`${settings()}/audit/export?action=invitation.`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toContain("application/x-ndjson");
    const lines = (await exported.text()).trim().split("\n").map((l) => JSON.parse(l) as { action: string; principal: { name: string } });
    expect(lines.map((l) => l.action)).toEqual(["invitation.create", "invitation.accept"]);
    expect(lines[1]!.principal.name).toBe(inviteeEmail);
    await page.context().close();

    // The invitee (no organization role) may not export the audit log.
    const nora = await newPage(browser);
    await nora.goto("/login");
    await nora.getByLabel("Email", { exact: true }).fill(inviteeEmail);
    await nora.getByLabel("Password", { exact: true }).fill(inviteePassword);
    await nora.getByRole("button", { name: "Log in" }).click();
    await nora.waitForURL(/\/dags$/);
    expect((await nora.request.get(`${settings()}/audit/export`)).status()).toBe(403);
    await nora.context().close();
  });

  it("someone who already has an account logs in from the link and joins with one click", async () => {
    const eli = await signUpUser({ name: "Eli Existing", organizationName: `Eli ${randomUUID().slice(0, 4)}` });
    const page = await ownerPage();
    await page.goto(`${settings()}/invitations`);
    await page.getByLabel("Email address").fill(eli.user.email);
    await page.getByRole("checkbox", { name: /Data team/ }).check();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${eli.user.email}.`).waitFor();
    await page.context().close();

    const link = (await waitForMail(eli.user.email)).match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)![0];
    const eliPage = await newPage(browser, { colorScheme: "dark" });
    await eliPage.goto(link);
    await eliPage.getByRole("link", { name: "Log in to accept" }).click();
    await eliPage.getByLabel("Email", { exact: true }).fill(eli.user.email);
    await eliPage.getByLabel("Password", { exact: true }).fill(eli.password);
    await eliPage.getByRole("button", { name: "Log in" }).click();
    await eliPage.waitForURL(/\/invite\//);
    await screenshot(eliPage, "people-invite-accept-dark");
    await eliPage.getByRole("button", { name: `Join ${owner.organization.name}` }).click();
    await eliPage.waitForURL(`**${dagsUrl("dev")}`);
    await eliPage.getByText("Your role: editor").waitFor();
    await eliPage.context().close();
  });

  it("removing a member (keyboard only) signs them out at once", async () => {
    const rex = await signUpUser({ name: "Rex Removable", organizationName: `Rex ${randomUUID().slice(0, 4)}` });
    const organizationId = owner.organization.id;
    await db().membership.create({ data: { organizationId, userId: rex.user.id } });
    const group = await db().group.findFirstOrThrow({ where: { organizationId, name: "Data team" } });
    await db().groupMember.create({ data: { groupId: group.id, userId: rex.user.id } });

    const rexPage = await newPage(browser);
    await rexPage.goto(`/login?next=${encodeURIComponent(dagsUrl("dev"))}`);
    await rexPage.getByLabel("Email", { exact: true }).fill(rex.user.email);
    await rexPage.getByLabel("Password", { exact: true }).fill(rex.password);
    await rexPage.getByRole("button", { name: "Log in" }).click();
    await rexPage.waitForURL(`**${dagsUrl("dev")}`);

    const page = await ownerPage();
    await page.goto(`${settings()}/members`);
    await page.getByRole("button", { name: "Remove Rex Removable from the organization" }).focus();
    await page.keyboard.press("Enter");
    // The confirmation takes focus; Enter confirms.
    const confirm = page.getByRole("button", { name: "Remove Rex Removable", exact: true });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByText(rex.user.email, { exact: true }).waitFor({ state: "detached" });
    await page.context().close();

    // Rex's very next request is signed out, and he cannot come back in.
    await rexPage.goto(dagsUrl("dev"));
    await rexPage.waitForURL(/\/login/);
    const event = await db().auditEvent.findFirst({ where: { organizationId, action: "member.remove", targetId: rex.user.id } });
    expect(event).toMatchObject({ outcome: "success", principalId: owner.user.id, summary: { endedSessions: 1 } });
    await rexPage.context().close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`renders every people page in ${colorScheme} mode, and on a phone without sideways scrolling`, async () => {
      const page = await ownerPage(colorScheme);
      const shots: [string, string][] = [
        ["members", `${settings()}/members`],
        ["groups", `${settings()}/groups`],
        ["group", groupUrl],
        ["invitations", `${settings()}/invitations`],
        ["access", `${settings()}/members/${inviteeId}`],
        ["roles", `${settings()}/roles`],
        ["audit", `${settings()}/audit`],
      ];
      for (const [name, url] of shots) {
        expect((await page.goto(url))?.status(), name).toBe(200);
        await screenshot(page, `people-${name}-${colorScheme}`);
      }
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [name, url] of shots) {
        await page.goto(url);
        await screenshot(page, `people-mobile-${name}-${colorScheme}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name}: no sideways scrolling on a phone`).toBeLessThanOrEqual(0);
      }
      await page.context().close();
    });
  }
});
