// `npm run -s seed -- --json` against the test database: exactly one JSON document on
// stdout in the shape, passwords that log in, tokens that work in their own
// environment and role only, and new organizations on every call.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listDagsRoute } from "../../../app/api/v1/environments/[env]/dags/route";
import { closeDb, db } from "../../../lib/server/db";
import { logIn } from "../../../lib/server/services/accounts/log-in";

vi.mock("../../../lib/server/auth/current-session", () => ({ currentSession: async () => null }));

const ROOT = path.resolve(import.meta.dirname, "../../..");
const ROLES = ["viewer", "operator", "editor", "admin"] as const;
const ENVS = ["dev", "stg", "prd"] as const;

type Seeded = {
  orgs: {
    id: string;
    slug: string;
    workspace: { id: string };
    environments: Record<(typeof ENVS)[number], { id: string }>;
    users: Record<"owner" | (typeof ROLES)[number], { email: string; password: string }>;
    tokens: Record<(typeof ENVS)[number], Record<(typeof ROLES)[number], string>>;
  }[];
};

function runSeed(args: string[], env: NodeJS.ProcessEnv = { ...process.env }) {
  const started = Date.now();
  // Exactly the command people and the issue use: npm must add nothing to stdout either.
  const result = spawnSync("npm", ["run", "-s", "seed", "--", ...args], { cwd: ROOT, encoding: "utf8", env });
  return { ...result, ms: Date.now() - started };
}

let first: Seeded;
let firstMs = 0;
beforeAll(() => {
  const run = runSeed(["--json"]);
  expect(run.status, run.stderr).toBe(0);
  first = JSON.parse(run.stdout) as Seeded; // throws if anything else reached stdout
  firstMs = run.ms;
});
afterAll(closeDb);

async function getDags(env: string, secret: string) {
  const response = await listDagsRoute(new Request(`http://app.test/api/v1/environments/${env}/dags`, { headers: { authorization: `Bearer ${secret}` } }), {
    params: Promise.resolve({ env }),
  });
  return response.status;
}

describe("npm run -s seed -- --json", () => {
  it("prints exactly the issue's shape: two organizations, their ids, users and tokens", () => {
    expect(first.orgs).toHaveLength(2);
    for (const org of first.orgs) {
      expect(Object.keys(org).sort()).toEqual(["environments", "id", "slug", "tokens", "users", "workspace"]);
      expect(Object.keys(org.workspace)).toEqual(["id"]);
      expect(Object.keys(org.environments).sort()).toEqual(["dev", "prd", "stg"]);
      for (const env of ENVS) expect(Object.keys(org.environments[env])).toEqual(["id"]);
      expect(Object.keys(org.users).sort()).toEqual(["admin", "editor", "operator", "owner", "viewer"]);
      for (const user of Object.values(org.users)) expect(Object.keys(user).sort()).toEqual(["email", "password"]);
      for (const env of ENVS) {
        expect(Object.keys(org.tokens[env]).sort()).toEqual(["admin", "editor", "operator", "viewer"]);
        for (const role of ROLES) expect(org.tokens[env][role]).toMatch(/^wsk_[A-Za-z0-9_-]{43}$/);
      }
    }
    expect(first.orgs[0]!.slug).not.toBe(first.orgs[1]!.slug);
  });

  it("stores what it printed: the workspace and environments of each organization, users in role groups bound at the workspace", async () => {
    for (const org of first.orgs) {
      const envs = await db().environment.findMany({ where: { organizationId: org.id }, select: { id: true, slug: true, workspaceId: true } });
      expect(envs.map((e) => [e.slug, e.id, e.workspaceId]).sort()).toEqual(ENVS.map((s) => [s, org.environments[s].id, org.workspace.id]).sort());
      for (const role of ROLES) {
        const bindings = await db().roleBinding.findMany({
          where: { organizationId: org.id, group: { members: { some: { user: { email: org.users[role].email } } } } },
          select: { role: true, scopeType: true, workspaceId: true },
        });
        expect(bindings).toEqual([{ role, scopeType: "workspace", workspaceId: org.workspace.id }]);
      }
    }
  });

  it("prints passwords that log in", async () => {
    const org = first.orgs[1]!;
    for (const who of ["owner", "viewer"] as const) {
      const result = await logIn(org.users[who], { ip: null, userAgent: "seed test", requestId: null });
      expect(result.ok, who).toBe(true);
    }
  });

  it("prints tokens that work in their environment only", async () => {
    const [acme, globex] = first.orgs as [Seeded["orgs"][0], Seeded["orgs"][0]];
    for (const env of ENVS) for (const role of ROLES) expect(await getDags(acme.environments[env].id, acme.tokens[env][role])).toBe(200);
    expect(await getDags(acme.environments.dev.id, acme.tokens.prd.admin)).toBe(404);
    expect(await getDags(globex.environments.dev.id, acme.tokens.dev.admin)).toBe(404);
    const row = await db().apiToken.findFirstOrThrow({ where: { environmentId: acme.environments.stg.id, role: "editor" } });
    expect(row.name).toBe("demo stg editor");
  });

  it("makes new organizations on every call, and stays fast", () => {
    const again = runSeed(["--json"]);
    expect(again.status, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as Seeded;
    const slugs = new Set([...first.orgs, ...second.orgs].map((o) => o.slug));
    expect(slugs.size).toBe(4);
    expect(second.orgs[0]!.users.owner.email).not.toBe(first.orgs[0]!.users.owner.email);
    expect(Math.min(firstMs, again.ms)).toBeLessThan(20_000);
  });

  it("finds npm start's embedded PostgreSQL with no configuration (the port in .data/postgres/postmaster.pid)", (context) => {
    // npm start's embedded server and the test's own have the same user, password and database.
    const url = new URL(process.env.DATABASE_URL!);
    if (url.username !== "windsock" || url.pathname !== "/windsock" || url.hostname !== "127.0.0.1") return context.skip();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-data-"));
    try {
      fs.mkdirSync(path.join(dataDir, "postgres"));
      fs.writeFileSync(path.join(dataDir, "postgres", "postmaster.pid"), ["4242", path.join(dataDir, "postgres"), "1700000000", url.port, "/tmp", "127.0.0.1", ""].join("\n"));
      const env: NodeJS.ProcessEnv = { ...process.env, WINDSOCK_DATA_DIR: dataDir, POSTGRES_PORT: "1" };
      delete env.DATABASE_URL;
      delete env.TEMPORAL_ADDRESS;
      const run = runSeed(["--json"], env);
      expect(run.status, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as Seeded).orgs).toHaveLength(2);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("says what to do when no database is running", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WINDSOCK_DATA_DIR: os.tmpdir(), POSTGRES_PORT: "9" };
    delete env.DATABASE_URL;
    const run = runSeed(["--json"], env);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/npm start/);
  });

  it("prints a readable summary without --json", () => {
    const run = runSeed([]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Organization acme-/m);
    expect(run.stdout).toMatch(/owner\s+owner@acme-[a-f0-9]{6}\.example\.com\s+demo-/);
    expect(run.stdout).toMatch(/prd admin\s+wsk_/);
  });
});
