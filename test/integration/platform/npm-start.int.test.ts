// `npm start` as a user runs it: its own PostgreSQL and Temporal dev server, the worker
// and the web app, then Ctrl-C. Data goes to a temporary WINDSOCK_DATA_DIR, never .data/.
import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort, isPortFree } from "../../../infra/lib/ports.mjs";

const root = path.resolve(import.meta.dirname, "../../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "windsock-start-test-"));
fs.chmodSync(tmp, 0o755); // PostgreSQL runs as its own user when we are root
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function startEnv(extra: Record<string, string>) {
  const e: Record<string, string | undefined> = { ...process.env, WINDSOCK_DATA_DIR: tmp, NEXT_DIST_DIR: ".next-test", ...extra };
  delete e.DATABASE_URL;
  delete e.TEMPORAL_ADDRESS;
  delete e.NODE_ENV;
  return e as NodeJS.ProcessEnv;
}

function run(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["infra/start.mjs"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c) => (stdout += c));
  child.stderr!.on("data", (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitFor(predicate: () => boolean, timeoutMs: number, what: string, child: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("npm start", () => {
  it("refuses a port in use and names the variable to change", async () => {
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { exited, output } = run(startEnv({ PORT: String(port), DATABASE_URL: "postgresql://x@127.0.0.1:1/x", TEMPORAL_ADDRESS: "127.0.0.1:1" }));
      expect(await exited).toBe(1);
      expect(output().stderr).toContain(`Port ${port} (web app) is already in use`);
      expect(output().stderr).toContain(`PORT=<port> npm start`);
    } finally {
      blocker.close();
    }
  });

  it("rejects a malformed port variable with a clear message", async () => {
    const { exited, output } = run(startEnv({ TEMPORAL_UI_PORT: "eighty" }));
    expect(await exited).toBe(1);
    expect(output().stderr).toContain("TEMPORAL_UI_PORT=eighty is not a valid port");
  });

  it("starts PostgreSQL, Temporal, the worker and the web app, and stops them all on Ctrl-C", async () => {
    const ports = {
      PORT: await freePort(),
      POSTGRES_PORT: await freePort(),
      TEMPORAL_PORT: await freePort(),
      TEMPORAL_HTTP_PORT: await freePort(),
      TEMPORAL_UI_PORT: await freePort(),
    };
    const { child, exited, output } = run(startEnv(Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]))));
    try {
      await waitFor(() => output().stdout.includes("Windsock is up"), 240_000, "the ready banner", child);
      const health = await fetch(`http://127.0.0.1:${ports.PORT}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ database: "ok", temporal: "ok" });
      expect(await (await fetch(`http://127.0.0.1:${ports.PORT}/`)).text()).toContain("Windsock");
      expect((await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`)).status).toBe(200);
      await waitFor(() => output().stdout.includes("polling task queue"), 60_000, "the worker", child);

      // Secrets are generated into the data folder, private, and never printed.
      const secretsFile = path.join(tmp, "secrets.json");
      const secrets = JSON.parse(fs.readFileSync(secretsFile, "utf8"));
      expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
      expect(secrets.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
      const all = output().stdout + output().stderr;
      for (const value of Object.values(secrets) as string[]) expect(all).not.toContain(value);
      expect(fs.existsSync(path.join(tmp, "postgres", "PG_VERSION"))).toBe(true);
      expect(fs.existsSync(path.join(tmp, "temporal.db"))).toBe(true);
    } finally {
      process.kill(-child.pid!, "SIGINT"); // what Ctrl-C in a terminal does: the whole group
    }
    expect(await exited).toBe(0);
    for (const port of Object.values(ports)) expect(await isPortFree(port)).toBe(true);
    expect(fs.existsSync(path.join(tmp, "postgres", "PG_VERSION"))).toBe(true); // data kept
  });
});
