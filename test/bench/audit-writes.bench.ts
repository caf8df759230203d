// Audit writes under concurrency: events/s and p50/p95 latency for W concurrent writers
// in ONE organization versus W writers in W organizations. Events are chained per
// organization and UTC day (lib/server/audit), so one organization's writers queue
// behind its chain head while different organizations never wait for each other. Each
// case runs twice: the bare write, and the write inside a transaction that then holds
// for 5 ms (a mutation's own work and commit), which is when a shared lock would show.
// Starts its own throwaway PostgreSQL; needs no running server.
// Run: npx tsx test/bench/audit-writes.bench.ts [--json]   (or `npm run bench -- audit`)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "../..");
const WRITERS = 8;
const EVENTS_PER_WRITER = Number(process.env.BENCH_AUDIT_EVENTS ?? 60);
const HOLD_MS = 5;
const say = (line: string) => process.stderr.write(`${line}\n`);

type Postgres = { url: string; stop(): Promise<void> };
const load = (file: string) => import(pathToFileURL(path.join(root, file)).href);

async function main() {
  const { startEmbeddedPostgres } = (await load("infra/lib/postgres.mjs")) as { startEmbeddedPostgres(o: object): Promise<Postgres> };
  const { deployMigrations } = (await load("infra/prisma.mjs")) as { deployMigrations(url: string): Promise<unknown> };
  const { freePort } = (await load("infra/lib/ports.mjs")) as { freePort(): Promise<number> };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "windsock-bench-audit-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false });
  try {
    await deployMigrations(pg.url);
    // lib/server/env parses process.env once, on first use: set it before loading the writer.
    process.env.DATABASE_URL = pg.url;
    process.env.TEMPORAL_ADDRESS ??= "127.0.0.1:7233";
    const { db, closeDb } = await import("../../lib/server/db");
    const { writeAuditEvent } = await import("../../lib/server/audit/write-audit-event");
    const { verifyAuditChain } = await import("../../lib/server/audit/verify-audit-chain");
    const { auditChainKey } = await import("../../lib/server/audit/audit-hash");

    async function write(organizationId: string, holdMs: number): Promise<number> {
      const t0 = performance.now();
      await db().$transaction(async (tx) => {
        await writeAuditEvent(tx, {
          action: "bench.write",
          outcome: "success",
          principal: { type: "system", name: "bench" },
          organizationId,
          target: { type: "bench", id: randomUUID() },
          summary: { n: 1 },
        });
        if (holdMs) await tx.$executeRawUnsafe(`SELECT pg_sleep(${holdMs / 1000})`);
      });
      return performance.now() - t0;
    }

    async function run(label: string, orgOf: (writer: number) => string, holdMs: number) {
      const latencies: number[] = [];
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let i = 0; i < EVENTS_PER_WRITER; i++) latencies.push(await write(orgOf(w), holdMs));
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      latencies.sort((a, b) => a - b);
      const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
      const result = { eventsPerSecond: Math.round(latencies.length / seconds), p50: +pct(0.5).toFixed(1), p95: +pct(0.95).toFixed(1) };
      say(`${label.padEnd(44)} ${String(result.eventsPerSecond).padStart(6)} events/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p95 ${result.p95.toFixed(1).padStart(6)} ms`);
      return result;
    }

    say(`${WRITERS} concurrent writers x ${EVENTS_PER_WRITER} events each, one transaction per event`);
    await run("(warm-up)", () => randomUUID(), 0);
    const oneOrg = randomUUID();
    const manyOrgs = Array.from({ length: WRITERS }, () => randomUUID());
    const holdOrg = randomUUID();
    const holdOrgs = Array.from({ length: WRITERS }, () => randomUUID());
    const figures = {
      one: await run("one organization, bare write", () => oneOrg, 0),
      many: await run(`${WRITERS} organizations, bare write`, (w) => manyOrgs[w]!, 0),
      oneHold: await run(`one organization, ${HOLD_MS} ms work in the transaction`, () => holdOrg, HOLD_MS),
      manyHold: await run(`${WRITERS} organizations, ${HOLD_MS} ms work in the transaction`, (w) => holdOrgs[w]!, HOLD_MS),
    };
    say(`speed-up of many organizations over one, with ${HOLD_MS} ms work: x${(figures.manyHold.eventsPerSecond / figures.oneHold.eventsPerSecond).toFixed(1)} (one chain serializes; separate chains do not)`);

    // Concurrency never forked a chain: every chain verifies, with every event in it.
    const now = new Date();
    for (const organizationId of [oneOrg, holdOrg, ...manyOrgs]) {
      const verdict = await verifyAuditChain(auditChainKey(organizationId, now));
      if (!verdict.ok) throw new Error(`chain of ${organizationId} broke: ${verdict.reason}`);
    }
    say("every chain verifies (no fork, no gap)");
    await closeDb();
    process.stdout.write(
      JSON.stringify({
        audit_one_org_events_per_s: figures.one.eventsPerSecond,
        audit_one_org_p95_ms: figures.one.p95,
        audit_many_orgs_events_per_s: figures.many.eventsPerSecond,
        audit_many_orgs_p95_ms: figures.many.p95,
        audit_one_org_hold5ms_events_per_s: figures.oneHold.eventsPerSecond,
        audit_one_org_hold5ms_p95_ms: figures.oneHold.p95,
        audit_many_orgs_hold5ms_events_per_s: figures.manyHold.eventsPerSecond,
        audit_many_orgs_hold5ms_p95_ms: figures.manyHold.p95,
      }) + "\n",
    );
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
