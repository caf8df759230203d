// Webhook triggers in a real browser: an editor adds a webhook on the DAG's Webhooks tab
// and copies the secret shown once; the test signs a body with it as a sender would
// (Node's crypto, as the tab's example does) and POSTs it to the shown URL over HTTP; the
// run appears in the DAG's runs with its conf, and the tab shows the accepted delivery; a
// rotation with a grace period keeps the old secret working for an hour.
// Screenshots light and dark.
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, logIn, pageWith, screenshot, type SessionState } from "./support/browser";
import { signUpUser, type SignedUpUser } from "../factories/users";
import { storeDag } from "../factories/run-dags";
import { closeDb, db } from "../../lib/server/db";

let browser: Browser;
let owner: SignedUpUser;
let viewer: SignedUpUser;
let state: SessionState;
let viewerState: SessionState;

const DAG = `dag_id: release_notes
schedule: null
params:
  tag: { type: string, default: "v0.0.0" }
tasks:
  - { task_id: publish, operator: empty }
`;

beforeAll(async () => {
  browser = await launchBrowser();
  [owner, viewer] = await Promise.all([
    signUpUser({ name: "Wendy Webhook", organizationName: "Hook Works" }),
    signUpUser({ name: "Vera Viewer", organizationName: `Vera ${randomUUID().slice(0, 4)}` }),
  ]);
  await storeDag({ id: owner.environments.dev.id, organizationId: owner.organization.id }, DAG);
  const organizationId = owner.organization.id;
  await db().membership.create({ data: { organizationId, userId: viewer.user.id } });
  const group = await db().group.create({ data: { organizationId, name: `viewers-${randomUUID().slice(0, 6)}`, members: { create: { userId: viewer.user.id } } } });
  await db().roleBinding.create({ data: { organizationId, groupId: group.id, scopeType: "workspace", workspaceId: owner.workspace.id, role: "viewer" } });
  [state, viewerState] = await Promise.all([logIn(browser, { email: owner.user.email, password: owner.password }), logIn(browser, { email: viewer.user.email, password: viewer.password })]);
});
afterAll(async () => {
  await browser?.close();
  await closeDb();
});

const dagUrl = () => `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/release_notes`;

async function post(url: string, secret: string | null, body: string, deliveryId: string) {
  const t = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": "application/json", "windsock-delivery": deliveryId };
  if (secret) headers["windsock-signature"] = `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
  return fetch(url, { method: "POST", headers, body });
}

describe("webhook triggers in the browser", () => {
  it("an editor adds a webhook, a signed POST with the shown secret starts a run, and the tab shows the delivery", async () => {
    const page = await pageWith(browser, state);
    await page.goto(dagUrl());
    await page.getByRole("navigation", { name: "DAG sections" }).getByRole("link", { name: "Webhooks" }).click();
    await page.waitForURL(/\/webhooks$/);
    await page.getByText("No webhooks yet.", { exact: false }).waitFor();

    await page.getByLabel("New webhook").fill("github-release");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByText("Webhook “github-release” added").waitFor({ timeout: 30_000 });
    const secret = await page.getByLabel("Webhook signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const shownUrl = (await page.getByTestId("webhook-url").textContent())!.trim();
    const path = new URL(shownUrl).pathname;
    expect(path).toMatch(/^\/api\/v1\/webhooks\/[0-9a-f-]{36}$/);
    // The examples carry the real URL and secret, ready to paste.
    expect(await page.getByRole("tabpanel").textContent()).toContain(`openssl dgst -sha256 -hmac "$SECRET"`);
    await page.getByRole("tab", { name: "Node.js" }).click();
    expect(await page.getByRole("tabpanel").textContent()).toContain(shownUrl);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "webhooks-created-light");

    // Unsigned: refused, nothing starts. Signed with the shown secret: accepted.
    const unsigned = await post(`${baseUrl}${path}`, null, "{}", "e2e-0");
    expect(unsigned.status).toBe(401);
    const body = JSON.stringify({ tag: "v1.4.0" });
    const accepted = await post(`${baseUrl}${path}`, secret, body, "e2e-1");
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ dag_run_id: "webhook__e2e-1", dag_id: "release_notes" });
    const repeat = await post(`${baseUrl}${path}`, secret, body, "e2e-1");
    expect(repeat.status).toBe(200);

    const run = await db().dagRun.findUniqueOrThrow({ where: { environmentId_dagId_runId: { environmentId: owner.environments.dev.id, dagId: "release_notes", runId: "webhook__e2e-1" } } });
    expect(run).toMatchObject({ triggeredBy: "webhook", conf: { tag: "v1.4.0" } });

    await page.getByRole("navigation", { name: "DAG sections" }).getByRole("link", { name: "Runs" }).click();
    await page.waitForURL(/\/runs$/);
    await page.getByText("webhook__e2e-1").waitFor({ timeout: 30_000 });
    // The Runs tab says who started it.
    await page.getByRole("row", { name: /webhook__e2e-1/ }).getByText("manual · by a webhook").waitFor();
    await screenshot(page, "webhooks-run-light");

    // The secret is not shown again; the last delivery is.
    await page.goto(`${dagUrl()}/webhooks`);
    await page.getByText("200 Repeat").waitFor();
    expect(await page.getByLabel("Webhook signing secret").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, "webhooks-list-light");
    await page.context().close();

    const dark = await pageWith(browser, state, "dark");
    await dark.goto(`${dagUrl()}/webhooks`);
    // Rotate, keeping the old secret for an hour so the sender can switch without a gap.
    await dark.getByRole("button", { name: "Rotate the secret of github-release" }).click();
    await dark.getByLabel("The current secret").selectOption({ label: "works 1 more hour" });
    await dark.getByRole("button", { name: "Rotate now" }).click();
    await dark.getByText("New secret for “github-release”").waitFor({ timeout: 30_000 });
    await dark.getByText("The previous secret is still accepted until", { exact: false }).waitFor();
    const rotated = await dark.getByLabel("Webhook signing secret").inputValue();
    expect(rotated).not.toBe(secret);
    expect((await post(`${baseUrl}${path}`, secret, body, "e2e-2")).status).toBe(202);
    expect((await post(`${baseUrl}${path}`, rotated, body, "e2e-3")).status).toBe(202);
    await dark.evaluate(() => window.scrollTo(0, 0)); // the focused secret box scrolled under the sticky header
    await screenshot(dark, "webhooks-rotated-dark");
    await dark.reload();
    await dark.getByText("202 Accepted").waitFor();
    await dark.getByText("Previous secret accepted until", { exact: false }).waitFor();
    await screenshot(dark, "webhooks-list-dark");
    await dark.context().close();

    // A viewer sees the webhooks and their deliveries, not the controls.
    const seen = await pageWith(browser, viewerState);
    await seen.goto(`${dagUrl()}/webhooks`);
    await seen.getByRole("cell", { name: "github-release Enabled" }).waitFor();
    await seen.getByText("202 Accepted").waitFor();
    expect(await seen.getByRole("button", { name: "Add webhook" }).count()).toBe(0);
    expect(await seen.getByRole("button", { name: /Rotate|Disable|Delete github-release/ }).count()).toBe(0);
    await seen.context().close();
  });
});
