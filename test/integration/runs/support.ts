// Shared by the run tests: a tenant, a worker on the test task queue, and waiting for a
// run to end (reading PostgreSQL, as every user of the product does).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Worker } from "@temporalio/worker";
import { checkAccess, type Access } from "../../../lib/server/authz";
import { db } from "../../../lib/server/db";
import { createWorker } from "../../../worker/create-worker";
import { makeTenant, type Tenant } from "../authz-gate/fixtures";

export async function tenantWithTriggerAccess(): Promise<{ tenant: Tenant; access: Access<"dag.trigger">; environment: { id: string; organizationId: string } }> {
  const tenant = await makeTenant("Runs");
  const environment = tenant.environments.dev;
  const access = await checkAccess(tenant.owner, "dag.trigger", { environmentId: environment.id });
  return { tenant, access, environment: { id: environment.id, organizationId: tenant.organization.id } };
}

export async function startTestWorker(): Promise<{ worker: Worker; running: Promise<void>; stop: () => Promise<void> }> {
  const { worker, connection } = await createWorker();
  const running = worker.run();
  return {
    worker,
    running,
    stop: async () => {
      if (worker.getState() === "RUNNING") worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    },
  };
}

export async function waitForRun(environmentId: string, dagId: string, runId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db().dagRun.findUnique({ where: { environmentId_dagId_runId: { environmentId, dagId, runId } } });
    if (run && (run.state === "success" || run.state === "failed")) return run;
    if (Date.now() > deadline) throw new Error(`run ${dagId}/${runId} still ${run?.state ?? "missing"} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const root = path.resolve(import.meta.dirname, "../../..");

/** A real worker process (`node --import tsx worker/main.ts`, as `npm start` runs it) on a task queue of its own. */
export function spawnWorkerProcess(taskQueue: string, env: Record<string, string> = {}): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: root,
    env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c) => (out += c));
  child.stderr!.on("data", (c) => (out += c));
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Polls `probe` until it returns something other than false (every 50 ms), or fails naming `what`. */
export async function until<T>(what: string, probe: () => Promise<T | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
