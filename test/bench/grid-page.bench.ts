// The DAG views on a big DAG in a real browser (issue 10: "fast on a DAG with 500 tasks and
// 1,000 runs"): an embedded PostgreSQL, a DAG of 500 tasks in 10 task groups deployed through
// the deploy service, 1,000 runs × 500 task instances (success, failed with upstream_failed,
// skipped, one running run) and tries for the last 100 runs, seeded with INSERT … SELECT
// generate_series. The built web app (`next start`, built into .next-bench/) serves it;
// headless Chromium logs in and opens the Grid BENCH_LOADS times (default 5, after a warm-up).
// Figures (p50 over the loads; ms since navigation start in the page):
//   grid_fcp_ms          first contentful paint of the Grid tab
//   grid_ready_ms        until the last group row's newest cell is visible
//   grid_ttfb_ms         server: request sent → first byte of the HTML
//   grid_html_kib        bytes of the HTML document
//   grid_100_ready_ms    the Grid with ?runs=100
//   grid_read_ms, calendar_read_ms, durations_read_ms   the read services in-process (warm)
//   calendar_ready_ms, durations_ready_ms               those tabs in the browser
// Run: npm run bench -- grid-page [--json]. BENCH_EXPLAIN=1 prints the query plans;
// BENCH_SCREENSHOTS=<dir> saves a screenshot of each tab; BENCH_CPU_PROF=<dir> profiles the server.
// TEST_DATABASE_URL reuses a running PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { cleanups, runBench, say } from "./bench-run";

const root = path.resolve(import.meta.dirname, "../..");
const json = process.argv.includes("--json");
const LOADS = Math.max(1, Number(process.env.BENCH_LOADS ?? 5));
const TASKS_PER_GROUP = 50;
const GROUPS = 10;
const RUNS = 1000;
const TRIED_RUNS = 100;

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length / 2) - 1] ?? NaN;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function bigDagYaml(): string {
  const lines = ["dag_id: big_grid_bench", 'schedule: "0 */8 * * *"', 'start_date: "2025-01-01T00:00:00Z"', "catchup: false", "task_groups:"];
  for (let g = 0; g < GROUPS; g++) lines.push(`  - group_id: g${g}`);
  lines.push("tasks:");
  for (let g = 0; g < GROUPS; g++)
    for (let t = 0; t < TASKS_PER_GROUP; t++) lines.push(`  - { task_id: t${t}, task_group: g${g}, operator: empty${t ? `, upstream: [t${t - 1}]` : ""} }`);
  return lines.join("\n") + "\n";
}

async function startDatabase(): Promise<string> {
  const { ensurePrismaClient, deployMigrations } = await import("../../infra/prisma.mjs");
  const { freePort } = await import("../../infra/lib/ports.mjs");
  ensurePrismaClient(say);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "windsock-bench-grid-"));
  fs.chmodSync(workDir, 0o755); // PostgreSQL runs as its own user when we are root
  cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const { startEmbeddedPostgres } = await import("../../infra/lib/postgres.mjs");
    const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "postgres"), port: await freePort(), persistent: false });
    cleanups.push(() => pg.stop());
    url = pg.url as string;
  }
  await deployMigrations(url);
  return url;
}

async function main() {
  const { ephemeralSecrets } = await import("../../infra/lib/secrets.mjs");
  const { freePort, waitForPort } = await import("../../infra/lib/ports.mjs");
  const databaseUrl = await startDatabase();
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), "windsock-bench-outbox-"));
  cleanups.push(() => fs.rmSync(outbox, { recursive: true, force: true }));
  // The web app never reaches Temporal for these pages; the address only has to parse.
  Object.assign(process.env, { ...ephemeralSecrets(), NODE_ENV: "test", DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS ?? "127.0.0.1:7233", LOG_LEVEL: "warn", OUTBOX_DIR: outbox, NEXT_TELEMETRY_DISABLED: "1" });

  // Built while we seed (both want the CPU, but the build is the long pole).
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const webEnv = { ...process.env, NEXT_DIST_DIR: ".next-bench", PORT: String(port), APP_URL: appUrl, AUTH_URL: appUrl, AUTH_TRUST_HOST: "true" } as Record<string, string>;
  // Without a browser the read figures are still worth having (npm test installs Chromium).
  const chromiumPath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => p && fs.existsSync(p));
  if (chromiumPath) {
    const { ensureWebBuild } = await import("../../infra/lib/web-build.mjs");
    const tBuild = Date.now();
    const built = ensureWebBuild(root, { distDir: ".next-bench", env: webEnv, log: say, showOutput: false });
    if (built) say(`  web app built in ${round((Date.now() - tBuild) / 1000)} s`);
  }

  const { db, closeDb } = await import("../../lib/server/db");
  const { checkAccess } = await import("../../lib/server/authz");
  const { deployDag } = await import("../../lib/server/services/dags/deploy-dag");
  const { readDagGrid } = await import("../../lib/server/services/dags/read-dag-grid");
  const { readDagCalendar } = await import("../../lib/server/services/dags/read-dag-calendar");
  const { readTaskDurations } = await import("../../lib/server/services/dags/read-task-durations");
  const { signUpUser } = await import("../factories/users");
  cleanups.push(closeDb);

  const owner = await signUpUser({ name: "Bench Owner", organizationName: "Grid Bench" });
  const session = await db().session.create({ data: { userId: owner.user.id, expiresAt: new Date(Date.now() + 86_400_000) } });
  const principal = { kind: "user" as const, userId: owner.user.id, sessionId: session.id, email: owner.user.email, name: "Bench Owner" };
  const environmentId = owner.environments.dev.id;
  const organizationId = owner.organization.id;
  const deployAccess = await checkAccess(principal, "dag.deploy", { environmentId });
  await deployDag(deployAccess, { body: bigDagYaml(), format: "yaml" });
  const version = await db().dagVersion.findFirstOrThrow({ where: { environmentId, dagId: "big_grid_bench" }, select: { id: true, spec: true } });
  const taskIds = (version.spec as { tasks: { task_id: string }[] }).tasks.map((t) => t.task_id);
  if (taskIds.length !== GROUPS * TASKS_PER_GROUP) throw new Error(`the DAG has ${taskIds.length} tasks`);

  const tSeed = Date.now();
  // 1,000 runs 8 hours apart ending now: every 37th failed, the newest one still running.
  await db().$executeRaw`
    INSERT INTO dag_run (id, organization_id, environment_id, dag_id, run_id, dag_version_id, run_type, state,
                         logical_date, data_interval_start, data_interval_end, run_after, queued_at, start_date, end_date, updated_at)
    SELECT gen_random_uuid()::text, ${organizationId}, ${environmentId}, 'big_grid_bench',
           'scheduled__' || to_char(ts, 'YYYY-MM-DD"T"HH24:MI:SS'), ${version.id}, 'scheduled',
           CASE WHEN g = ${RUNS} THEN 'running' WHEN g % 37 = 0 THEN 'failed' ELSE 'success' END,
           ts, ts, ts + interval '8 hours', ts + interval '8 hours', ts + interval '8 hours', ts + interval '8 hours',
           CASE WHEN g = ${RUNS} THEN NULL ELSE ts + interval '8 hours 20 minutes' END, now()
      FROM generate_series(1, ${RUNS}) AS g,
           LATERAL (SELECT date_trunc('hour', now() at time zone 'UTC') - interval '16 hours' - (${RUNS} - g) * interval '8 hours' AS ts) t`;
  // 500 task instances per run. Failed runs: g4.t10 failed, the rest of g4 upstream_failed;
  // every 97th task skipped; the running run: groups 0–5 done, g6.t0–t4 running, the rest not started.
  await db().$executeRaw`
    INSERT INTO task_instance (id, dag_run_id, task_id, operator, state, try_number, max_tries, start_date, end_date, reason, updated_at)
    SELECT gen_random_uuid()::text, r.id, t.task_id, 'empty', s.state,
           CASE WHEN s.state IN ('none', 'upstream_failed', 'skipped') THEN 0 ELSE 1 END, 1,
           CASE WHEN s.state IN ('none', 'upstream_failed', 'skipped') THEN NULL ELSE r.start_date + t.ord * interval '2 seconds' END,
           CASE WHEN s.state IN ('success', 'failed') THEN r.start_date + t.ord * interval '2 seconds' + ((t.ord * 7919 % 23) + 1 + (hashtext(r.id || t.task_id) & 7)) * interval '1 second' END,
           CASE s.state WHEN 'failed' THEN 'Try 1 failed: connection reset' WHEN 'upstream_failed' THEN 'An upstream task failed: g4.t10' END,
           now()
      FROM dag_run r
      CROSS JOIN unnest(${taskIds}::text[]) WITH ORDINALITY AS t(task_id, ord)
      CROSS JOIN LATERAL (SELECT CASE
             WHEN r.state = 'running' THEN CASE WHEN t.ord <= 300 THEN 'success' WHEN t.ord <= 305 THEN 'running' ELSE 'none' END
             WHEN r.state = 'failed' AND t.task_id = 'g4.t10' THEN 'failed'
             WHEN r.state = 'failed' AND t.task_id LIKE 'g4.%' AND t.ord > 211 THEN 'upstream_failed'
             WHEN t.ord % 97 = 0 THEN 'skipped'
             ELSE 'success' END AS state) s
     WHERE r.environment_id = ${environmentId} AND r.dag_id = 'big_grid_bench'`;
  await db().$executeRaw`
    INSERT INTO task_try (id, dag_run_id, task_id, try_number, state, activity_kind, start_date, end_date, log_bytes)
    SELECT gen_random_uuid()::text, ti.dag_run_id, ti.task_id, 1, ti.state, 'local', ti.start_date, ti.end_date, 120
      FROM task_instance ti
      JOIN (SELECT id FROM dag_run WHERE environment_id = ${environmentId} AND dag_id = 'big_grid_bench' ORDER BY run_after DESC LIMIT ${TRIED_RUNS}) r ON r.id = ti.dag_run_id
     WHERE ti.try_number > 0`;
  for (const table of ["dag_run", "task_instance", "task_try"]) await db().$executeRawUnsafe(`ANALYZE ${table}`);
  const counts = await db().$queryRaw<{ runs: number; tis: number; tries: number }[]>`
    SELECT (SELECT count(*)::int FROM dag_run WHERE environment_id = ${environmentId}) AS runs,
           (SELECT count(*)::int FROM task_instance ti JOIN dag_run r ON r.id = ti.dag_run_id WHERE r.environment_id = ${environmentId}) AS tis,
           (SELECT count(*)::int FROM task_try tt JOIN dag_run r ON r.id = tt.dag_run_id WHERE r.environment_id = ${environmentId}) AS tries`;
  say(`  seeded ${counts[0].runs} runs, ${counts[0].tis} task instances, ${counts[0].tries} tries in ${round((Date.now() - tSeed) / 1000)} s`);

  const access = await checkAccess(principal, "dag.read", { environmentId });
  const timeRead = async (fn: () => Promise<unknown>) => {
    await fn();
    const xs: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const t0 = performance.now();
      await fn();
      xs.push(performance.now() - t0);
    }
    return round(p50(xs));
  };
  const gridRead = await timeRead(() => readDagGrid(access, "big_grid_bench", 25));
  const calendarRead = await timeRead(() => readDagCalendar(access, "big_grid_bench"));
  const durationsRead = await timeRead(() => readTaskDurations(access, "big_grid_bench", 25));
  say(`  reads (warm, p50): grid 25 runs ${gridRead} ms, calendar ${calendarRead} ms, durations 25 runs ${durationsRead} ms`);
  if (process.env.BENCH_EXPLAIN) {
    const runIds = (await db().dagRun.findMany({ where: { environmentId, dagId: "big_grid_bench" }, orderBy: [{ runAfter: "desc" }], take: 25, select: { id: true } })).map((r) => r.id);
    for (const [label, sql, params] of [
      ["grid runs", `EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM dag_run WHERE environment_id = $1 AND organization_id = $2 AND dag_id = 'big_grid_bench' ORDER BY run_after DESC, queued_at DESC LIMIT 25`, [environmentId, organizationId]],
      ["grid instances", `EXPLAIN (ANALYZE, BUFFERS) SELECT dag_run_id, task_id, state, try_number, max_tries, start_date, end_date, reason FROM task_instance WHERE dag_run_id = ANY($1::text[])`, [runIds]],
    ] as const) {
      const plan = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(sql, ...params);
      say(`  EXPLAIN ${label}:\n    ${plan.map((p) => p["QUERY PLAN"]).join("\n    ")}`);
    }
  }

  const figures: Record<string, number> = { grid_read_ms: gridRead, calendar_read_ms: calendarRead, durations_read_ms: durationsRead };
  if (chromiumPath) Object.assign(figures, await browserFigures());
  else say("  no Chromium found (set CHROMIUM_PATH): browser figures skipped");
  if (json) process.stdout.write(JSON.stringify(figures) + "\n");
  else for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(32)} ${v}\n`);

  async function browserFigures() {
    // The web app against this database.
    const { spawnService, stopChild } = await import("../../infra/lib/proc.mjs");
    const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the web server, to see where a page's time goes.
    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const web: ChildProcess = spawnService("web", process.execPath, [...profile, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: webEnv, quiet: !process.env.BENCH_VERBOSE });
    cleanups.push(() => stopChild(web));
    await waitForPort(port, { timeoutMs: 60_000, isAlive: () => web.exitCode === null });

    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ baseURL: appUrl, viewport: { width: 1280, height: 800 } });
    const login = await context.newPage();
    await login.goto("/login");
    await login.getByLabel("Email", { exact: true }).fill(owner.user.email);
    await login.getByLabel("Password", { exact: true }).fill(owner.password);
    await login.getByRole("button", { name: "Log in" }).click();
    await login.waitForURL(/\/e\/dev\/dags$/, { timeout: 60_000 });
    await login.close();
    const dagUrl = `/o/${owner.organization.slug}/w/${owner.workspace.slug}/e/dev/dags/big_grid_bench`;

    type Load = { fcp: number; ready: number; ttfb: number; bytes: number };
    async function load(url: string, readySelector: string): Promise<Load> {
      const page = await context.newPage();
      try {
        const response = await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
        if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
        await page.locator(readySelector).last().waitFor({ state: "visible", timeout: 120_000 });
        const m = await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          return { ready: performance.now(), ttfb: nav.responseStart - nav.requestStart, fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN };
        });
        return { ...m, bytes: (await response.body()).length };
      } finally {
        await page.close();
      }
    }
    async function series(label: string, url: string, readySelector: string) {
      await load(url, readySelector); // warm-up: the server's first render of the route
      const loads: Load[] = [];
      for (let i = 0; i < LOADS; i++) loads.push(await load(url, readySelector));
      const r = { fcp: round(p50(loads.map((l) => l.fcp))), ready: round(p50(loads.map((l) => l.ready))), ttfb: round(p50(loads.map((l) => l.ttfb))), kib: round(p50(loads.map((l) => l.bytes)) / 1024) };
      say(`  ${label}: first paint ${r.fcp} ms, ready ${r.ready} ms, server first byte ${r.ttfb} ms, HTML ${r.kib} KiB (p50 of ${LOADS}; ready: ${loads.map((l) => Math.round(l.ready)).join(", ")} ms)`);
      return r;
    }
    const newestCell = `[data-row="g${GROUPS - 1}"] td`;
    const grid = await series("Grid, 500 tasks × last 25 of 1,000 runs", `${dagUrl}/grid`, newestCell);
    const grid100 = await series("Grid ?runs=100", `${dagUrl}/grid?runs=100`, newestCell);
    const calendar = await series("Calendar", `${dagUrl}/calendar`, "[data-day]");
    const durations = await series("Durations, last 25 runs", `${dagUrl}/durations`, '[data-testid="durations-chart"] [data-task]');

    // BENCH_SCREENSHOTS=<dir>: what the big DAG's tabs look like, for people to check.
    if (process.env.BENCH_SCREENSHOTS) {
      fs.mkdirSync(process.env.BENCH_SCREENSHOTS, { recursive: true });
      for (const [name, url, selector] of [
        ["grid", `${dagUrl}/grid`, newestCell],
        ["calendar", `${dagUrl}/calendar`, "[data-day]"],
        ["durations", `${dagUrl}/durations`, '[data-testid="durations-chart"] [data-task]'],
      ]) {
        const page = await context.newPage();
        const response = await page.goto(url);
        fs.writeFileSync(path.join(process.env.BENCH_SCREENSHOTS, `big-${name}.html`), await response!.body());
        await page.locator(selector).last().waitFor();
        await page.screenshot({ path: path.join(process.env.BENCH_SCREENSHOTS, `big-${name}.png`), fullPage: true });
        await page.close();
      }
    }

    return {
      grid_fcp_ms: grid.fcp,
      grid_ready_ms: grid.ready,
      grid_ttfb_ms: grid.ttfb,
      grid_html_kib: grid.kib,
      grid_100_ready_ms: grid100.ready,
      calendar_ready_ms: calendar.ready,
      durations_ready_ms: durations.ready,
    };
  }
}

runBench("grid-page", main);
