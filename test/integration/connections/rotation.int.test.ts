// Key rotation without downtime: `npm run keys:rotate`'s loop re-wraps every connection
// and variable under the new current key while readers keep decrypting and an editor
// keeps changing a password; nothing fails, no edit is lost, every secret still opens.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalKeyManagementService, keyIdOf } from "../../../lib/server/crypto";
import { db, closeDb } from "../../../lib/server/db";
import { env } from "../../../lib/server/env";
import { findConnectionRow, openConnection } from "../../../lib/server/services/connections/connection-store";
import { rotateMasterKeys, type RotationProgress } from "../../../lib/server/services/secrets/rotate-master-keys";
import { useSecretsKms } from "../../../lib/server/services/secrets/secrets-kms";
import { findVariableRow, openVariable } from "../../../lib/server/services/variables/variable-store";
import { makeTenant, type Tenant } from "../authz-gate/fixtures";
import { api } from "./helpers";

const N = 40;
let acme: Tenant;
let dev: string;
const oldKey = () => env().WINDSOCK_MASTER_KEY!;
const newKey = randomBytes(32).toString("base64");

beforeAll(async () => {
  useSecretsKms(new LocalKeyManagementService([{ id: "k1", base64: oldKey() }]));
  acme = await makeTenant("Acme");
  dev = acme.environments.dev.id;
  for (let i = 0; i < N; i++) {
    const r = await api(acme.owner).createConnection(dev, { connection_id: `c${i}`, conn_type: "generic", host: "h.example.com", password: `pw-${i}-${"z".repeat(8)}` });
    expect(r.status).toBe(201);
  }
  for (let i = 0; i < 5; i++) await api(acme.owner).createVariable(dev, { key: `v${i}_secret`, value: `value-${i}-${"q".repeat(8)}` });
});
afterAll(async () => {
  useSecretsKms(undefined);
  await closeDb();
});

const scope = () => ({ organizationId: acme.organization.id, environmentId: dev });

describe("keys:rotate", () => {
  it("re-wraps everything under the new key while reads and edits go on", async () => {
    // Every process now runs with the new ring: new current key k2, old k1 still readable.
    useSecretsKms(new LocalKeyManagementService([{ id: "k2", base64: newKey }, { id: "k1", base64: oldKey() }]));
    let done = false;
    let reads = 0;
    const readErrors: string[] = [];
    const reader = async (offset: number) => {
      for (let i = offset; !done; i = (i + 1) % N) {
        try {
          const row = (await findConnectionRow(scope(), `c${i}`))!;
          const c = await openConnection(row);
          if (i !== 7 && c.password !== `pw-${i}-${"z".repeat(8)}`) readErrors.push(`c${i}: wrong value`);
          reads++;
        } catch (error) {
          readErrors.push(`c${i}: ${(error as Error).message}`);
        }
      }
    };
    const editor = async () => {
      for (let n = 0; !done; n++) {
        const r = await api(acme.owner).patchConnection(dev, "c7", { password: `edited-${n}-${"e".repeat(8)}` });
        if (r.status !== 200) readErrors.push(`edit ${n}: ${r.status}`);
      }
    };
    const progress: RotationProgress[] = [];
    const started = performance.now();
    const rotation = rotateMasterKeys(new LocalKeyManagementService([{ id: "k2", base64: newKey }, { id: "k1", base64: oldKey() }]), {
      pageSize: 10,
      concurrency: 4,
      // Only this test's tenant: other tiers' processes share the database with key k1 only.
      organizationId: acme.organization.id,
      onProgress: (p) => progress.push(structuredClone(p)),
    }).finally(() => {
      done = true;
    });
    const [result] = await Promise.all([rotation, reader(0), reader(N / 2), editor()]);
    const elapsed = performance.now() - started;
    console.info(`rotation of ${result.connection.scanned} connections and ${result.variable.scanned} variables under load: ${Math.round(elapsed)} ms, ${reads} concurrent reads`);

    expect(readErrors).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    expect(result.connection.failed).toEqual([]);
    expect(result.variable.failed).toEqual([]);
    expect(result.connection).toMatchObject({ scanned: N, byKeyBefore: { k1: expect.any(Number) } });
    expect(result.connection.rewrapped + result.connection.changed + result.connection.alreadyCurrent).toBe(N);
    expect(result.variable).toMatchObject({ scanned: 5, rewrapped: 5 });
    expect(progress.filter((p) => p.table === "connection").length).toBeGreaterThanOrEqual(Math.ceil(N / 10));

    // Only the new key is needed now: every row of this tenant opens under a ring without k1.
    const onlyNew = new LocalKeyManagementService([{ id: "k2", base64: newKey }]);
    for (let i = 0; i < N; i++) {
      const row = (await findConnectionRow(scope(), `c${i}`))!;
      expect(keyIdOf(row.sealedSecrets!)).toBe("k2");
      expect(row.keyId).toBe("k2");
      const c = await openConnection(row, onlyNew);
      if (i !== 7) expect(c.password).toBe(`pw-${i}-${"z".repeat(8)}`);
      else expect(c.password).toMatch(/^edited-\d+-e+$/);
    }
    for (let i = 0; i < 5; i++) expect(await openVariable((await findVariableRow(scope(), `v${i}_secret`))!, onlyNew)).toBe(`value-${i}-${"q".repeat(8)}`);
    // The last edit survived the rotation (compare-and-set): the stored value is the editor's latest.
    const audit = await db().auditEvent.findFirst({ where: { action: "secrets.rotate", organizationId: acme.organization.id }, orderBy: { at: "desc" } });
    expect(audit?.summary).toMatchObject({ current_key_id: "k2" });
  });

  it("npm run keys:rotate prints progress per key id, and rotating back works too", async () => {
    // Back to k1, the key every other process of this test run uses. Limited to this
    // test's organization: other tests share the database and may hold deliberately
    // broken rows at this moment.
    const root = path.resolve(import.meta.dirname, "../../..");
    const rotate = () =>
      spawnSync("npm", ["run", "-s", "keys:rotate", "--", "--organization", acme.organization.id], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, WINDSOCK_MASTER_KEY: "", WINDSOCK_MASTER_KEYS: `k1:${oldKey()},k2:${newKey}` },
      });
    const run = rotate();
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`re-wrapping every secret of organization ${acme.organization.id} with master key "k1" \\(configured: k1, k2\\)`));
    expect(run.stdout).toMatch(new RegExp(`connections: ${N} scanned \\(before, by key id: k2: ${N}\\); ${N} re-wrapped, 0 already current, 0 changed meanwhile, 0 failed`));
    expect(run.stdout).toMatch(/variables: 5 scanned \(before, by key id: k2: 5\); 5 re-wrapped/);
    expect(run.stdout).toMatch(/keys:rotate: done/);
    const again = rotate();
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`connections: ${N} scanned \\(before, by key id: k1: ${N}\\); 0 re-wrapped, ${N} already current`));
    const usage = spawnSync("npm", ["run", "-s", "keys:rotate", "--", "--everything"], { cwd: root, encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run keys:rotate/);
    useSecretsKms(undefined);
    for (let i = 0; i < N; i += 13) expect(keyIdOf((await findConnectionRow(scope(), `c${i}`))!.sealedSecrets!)).toBe("k1");
  });
});
