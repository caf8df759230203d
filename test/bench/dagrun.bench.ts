// DagRuns on the real stack, started here as `npm test` starts it: an embedded PostgreSQL,
// the Temporal dev server (eager activities on) and a worker process (worker/main.ts).
// Figures (ARCHITECTURE.md, "How a task try runs"; targets on 2 cores: chain ≤ 15 ms per
// step p50, fan-out ≤ 2 s):
//   - chain of 40 no-op script tasks, default settings (local activities):
//     per step = (end of the last task − start of the first) / 39, p50 and p95 over the runs;
//   - the same chain with execution_timeout PT10M (regular activities);
//   - a fan-out of 400 no-op script tasks between a start and a join: trigger request → run end;
//   - trigger request → first task running, p95 over every run above.
// Run: npm run bench -- dagrun [--json]   (or: node --import tsx test/bench/dagrun.bench.ts [--json])
// BENCH_RUNS (default 5) sets the runs per figure; TEST_DATABASE_URL / TEST_TEMPORAL_ADDRESS
// reuse running services.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cleanups, runBench, say } from "./bench-run";

const root = path.resolve(import.meta.dirname, "../..");
const json = process.argv.includes("--json");
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function startServices(): Promise<Record<string, string>> {
  const { ensurePrismaClient, deployMigrations } = await import("../../infra/prisma.mjs");
  const { ephemeralSecrets } = await import("../../infra/lib/secrets.mjs");
  const { freePort } = await import("../../infra/lib/ports.mjs");
  ensurePrismaClient(say);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "windsock-bench-"));
  fs.chmodSync(workDir, 0o755); // PostgreSQL runs as its own user when we are root
  cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  const temporal = (async () => {
    if (process.env.TEST_TEMPORAL_ADDRESS) return process.env.TEST_TEMPORAL_ADDRESS;
    const { ensureTemporalCli, startTemporalDevServer } = await import("../../infra/lib/temporal.mjs");
    const server = await startTemporalDevServer({ bin: ensureTemporalCli(say), port: await freePort(), httpPort: await freePort() });
    cleanups.push(() => server.stop());
    return server.address as string;
  })();
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = await import("../../infra/lib/postgres.mjs");
    const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "postgres"), port: await freePort(), persistent: false });
    cleanups.push(() => pg.stop());
    databaseUrl = pg.url as string;
  }
  await deployMigrations(databaseUrl);
  return {
    ...ephemeralSecrets(),
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: await temporal,
    TEMPORAL_TASK_QUEUE: `windsock-bench-${process.pid}`,
    LOG_LEVEL: "warn",
  };
}

function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 8000).unref();
      }),
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => {
      if (c.toString().includes("worker: polling")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`the worker exited (${code}) before polling`)));
  });
}

async function main() {
  say(`DagRun benchmark: ${os.cpus().length} cores, ${RUNS} runs per figure`);
  Object.assign(process.env, await startServices());
  await startWorkerProcess(process.env as Record<string, string>);

  // Loaded after the environment is set: lib/server reads it once.
  const { db, closeDb } = await import("../../lib/server/db");
  const { closeTemporalClient } = await import("../../lib/server/temporal");
  const { checkAccess } = await import("../../lib/server/authz");
  const { createOrganization } = await import("../../lib/server/services/tenancy/create-organization");
  const { triggerDagRun } = await import("../../lib/server/services/runs/trigger-dag-run");
  const { storeDag, chainDagYaml, fanOutDagYaml } = await import("../factories/run-dags");
  cleanups.push(closeTemporalClient, closeDb);

  const user = await db().user.create({ data: { email: `bench-${process.pid}@example.test`, name: "bench", passwordHash: "x" } });
  const session = await db().session.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) } });
  const org = await db().$transaction((tx) => createOrganization(tx, { name: `Bench ${process.pid}`, owner: { id: user.id, email: user.email } }));
  const environment = { id: org.environments.dev.id, organizationId: org.organization.id };
  const access = await checkAccess({ kind: "user", userId: user.id, sessionId: session.id, email: user.email, name: "bench" }, "dag.trigger", { environmentId: environment.id });

  await storeDag(environment, chainDagYaml("chain_40", 40));
  await storeDag(environment, chainDagYaml("chain_40_regular", 40, "execution_timeout: PT10M"));
  await storeDag(environment, fanOutDagYaml("fan_out_400", 400));

  const firstTaskMs: number[] = [];
  let insideTryMs: number[] = [];
  const triggerCallMs: number[] = [];
  const toRunStartMs: number[] = [];
  const runStartToFirstMs: number[] = [];
  async function runOnce(dagId: string, firstTask: string, lastTask: string) {
    const requested = Date.now();
    const run = await triggerDagRun(access, { dag_id: dagId });
    const triggered = Date.now();
    triggerCallMs.push(triggered - requested);
    const row = await db().dagRun.findUniqueOrThrow({ where: { environmentId_dagId_runId: { environmentId: environment.id, dagId, runId: run.dag_run_id } } });
    const deadline = Date.now() + 300_000;
    let done = row;
    while (done.state !== "success" && done.state !== "failed") {
      if (Date.now() > deadline) throw new Error(`${dagId} run ${run.dag_run_id} did not finish`);
      await new Promise((r) => setTimeout(r, 20));
      done = await db().dagRun.findUniqueOrThrow({ where: { id: row.id } });
    }
    if (done.state !== "success") {
      const bad = await db().taskInstance.findMany({ where: { dagRunId: row.id, state: { notIn: ["success"] } }, take: 5 });
      const tries = await db().taskTry.findMany({ where: { dagRunId: row.id, state: "failed" }, take: 5 });
      throw new Error(`${dagId} run ${run.dag_run_id} ${done.state}: ${JSON.stringify(bad.map((t) => [t.taskId, t.state, t.reason]))} ${JSON.stringify(tries.map((t) => [t.taskId, t.tryNumber, t.error]))}`);
    }
    const [first, last] = await Promise.all([
      db().taskTry.findFirstOrThrow({ where: { dagRunId: row.id, taskId: firstTask, tryNumber: 1 } }),
      db().taskTry.findFirstOrThrow({ where: { dagRunId: row.id, taskId: lastTask, tryNumber: 1 } }),
    ]);
    // Where a step's time goes: inside the try (start → end as the activity recorded them) vs between tries.
    const tries = await db().taskTry.findMany({ where: { dagRunId: row.id }, orderBy: { startDate: "asc" }, select: { startDate: true, endDate: true } });
    const inside = tries.reduce((sum, t) => sum + (t.endDate!.getTime() - t.startDate.getTime()), 0) / tries.length;
    insideTryMs.push(inside);
    toRunStartMs.push(done.startDate!.getTime() - triggered);
    runStartToFirstMs.push(first.startDate.getTime() - done.startDate!.getTime());
    return {
      spanMs: last.endDate!.getTime() - first.startDate.getTime(),
      toFirstMs: first.startDate.getTime() - requested,
      totalS: (done.endDate!.getTime() - requested) / 1000,
    };
  }

  async function series(label: string, dagId: string, first: string, last: string) {
    await runOnce(dagId, first, last); // warm-up: sandbox compile, bundles, caches
    const out = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runOnce(dagId, first, last);
      firstTaskMs.push(r.toFirstMs);
      out.push(r);
    }
    say(`  ${label}: ${out.map((r) => `${round(r.spanMs)} ms`).join(", ")}; mean time inside a try ${round(quantile(insideTryMs, 0.5), 2)} ms`);
    insideTryMs = [];
    return out;
  }

  const chain = (await series("chain of 40 (local activities), first start → last end", "chain_40", "t0", "t39")).map((r) => r.spanMs / 39);
  const regular = (await series("chain of 40 (regular activities), first start → last end", "chain_40_regular", "t0", "t39")).map((r) => r.spanMs / 39);
  const fan = (await series("fan-out of 400, start → join end", "fan_out_400", "start", "join")).map((r) => r.totalS);

  const figures = {
    chain_step_ms_p50: round(quantile(chain, 0.5), 2),
    chain_step_ms_p95: round(quantile(chain, 0.95), 2),
    chain_regular_step_ms_p50: round(quantile(regular, 0.5), 2),
    fanout_400_s: round(quantile(fan, 0.5), 3),
    trigger_to_first_task_ms_p95: round(quantile(firstTaskMs, 0.95), 1),
  };
  say(`  chain step: p50 ${figures.chain_step_ms_p50} ms, p95 ${figures.chain_step_ms_p95} ms (target ≤ 15 ms p50)`);
  say(`  chain step, regular activities: p50 ${figures.chain_regular_step_ms_p50} ms, p95 ${round(quantile(regular, 0.95), 2)} ms`);
  say(`  fan-out 400, trigger → run end: p50 ${figures.fanout_400_s} s, max ${round(Math.max(...fan), 3)} s (target ≤ 2 s)`);
  say(`  trigger → first task running: p50 ${round(quantile(firstTaskMs, 0.5), 1)} ms, p95 ${figures.trigger_to_first_task_ms_p95} ms (p50s: the trigger call ${round(quantile(triggerCallMs, 0.5), 1)} ms, then the workflow marks the run running ${round(quantile(toRunStartMs, 0.5), 1)} ms later, then the first try starts ${round(quantile(runStartToFirstMs, 0.5), 1)} ms later)`);
  if (json) process.stdout.write(JSON.stringify(figures) + "\n");
  else for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(32)} ${v}\n`);
}

runBench("dagrun", main);
