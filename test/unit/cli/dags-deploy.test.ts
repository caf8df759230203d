// `windsock dags deploy` against a stand-in API server: what it sends (the file as written,
// its content type, the bearer token, to the environment's URL), and how it reports each
// answer (created / unchanged, 422 problems as file:line:col, refusals) with exit codes.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(path.join(tmpdir(), "windsock-deploy-"));
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const good = write("good.yaml", "# kept as written\ndag_id: good\ntasks:\n  - { task_id: a, operator: empty }\n");
const same = write("same.json", JSON.stringify({ dag_id: "same", tasks: [{ task_id: "a", operator: "empty" }] }));
const bad = write("bad.yaml", "dag_id: bad\ntasks:\n  - task_id: a\n    operator: emty\n");

type Seen = { method?: string; url?: string; auth?: string; type?: string; body: string };
const seen: Seen[] = [];
let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers["content-type"], body });
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    if (req.headers.authorization !== "Bearer wsk_good") return reply(401, { error: { code: "unauthenticated", message: "bad token" } });
    if (body.includes("dag_id: good")) return reply(201, { dag_id: "good", version: "a".repeat(64), version_number: 3, outcome: "created", is_paused: true, warnings: [] });
    if (body.includes('"same"')) return reply(200, { dag_id: "same", version: "b".repeat(64), version_number: 1, outcome: "unchanged", is_paused: false, warnings: [] });
    return reply(422, {
      error: {
        code: "unprocessable",
        message: "The DAG file has 1 error.",
        details: [{ severity: "error", line: 4, column: 15, field: "tasks[0].operator", message: 'unknown operator "emty"', hint: 'did you mean "empty"?' }],
      },
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function windsock(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("node", ["bin/windsock.js", ...args], { cwd: root, env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("windsock dags deploy", () => {
  it("uploads each file as written and reports created / unchanged", async () => {
    seen.length = 0;
    const r = await windsock(["dags", "deploy", good, same, "--url", url, "--env", "env-123"], { WINDSOCK_TOKEN: "wsk_good" });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("good.yaml: created good v3 (aaaaaaaaaaaa), paused");
    expect(r.stderr).toContain("same.json: unchanged same v1 (bbbbbbbbbbbb)");
    expect(seen.map((s) => [s.method, s.url, s.type, s.auth])).toEqual([
      ["POST", "/api/v1/environments/env-123/dags", "application/yaml", "Bearer wsk_good"],
      ["POST", "/api/v1/environments/env-123/dags", "application/json", "Bearer wsk_good"],
    ]);
    expect(seen[0].body).toBe("# kept as written\ndag_id: good\ntasks:\n  - { task_id: a, operator: empty }\n");
  });

  it("asks the server for a dry run with --dry-run", async () => {
    seen.length = 0;
    const r = await windsock(["dags", "deploy", good, "--dry-run", "--url", url, "--env", "env-123"], { WINDSOCK_TOKEN: "wsk_good" });
    expect(r.code).toBe(0);
    expect(seen[0].url).toBe("/api/v1/environments/env-123/dags?dry_run=true");
  });

  it("prints the server's problems as file:line:col and exits 1", async () => {
    const r = await windsock(["dags", "deploy", bad, good, "--json"], { WINDSOCK_URL: url, WINDSOCK_ENV: "env-123", WINDSOCK_TOKEN: "wsk_good" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:4:15: error: tasks[0].operator: unknown operator "emty"`);
    expect(r.stderr).toContain("1 DAG file not deployed");
    const report = JSON.parse(r.stdout);
    expect(report.map((x: { ok: boolean }) => x.ok)).toEqual([false, true]);
  });

  it("stops at the first refusal of the token, and explains what is missing", async () => {
    const refused = await windsock(["dags", "deploy", good, same, "--url", url, "--env", "e"], { WINDSOCK_TOKEN: "wsk_wrong" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not deployed \(HTTP 401\): bad token/);
    expect(refused.stderr).not.toContain("same.json");
    const missing = await windsock(["dags", "deploy", good, "--url", url, "--env", "e"], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/WINDSOCK_TOKEN/);
  });
});
