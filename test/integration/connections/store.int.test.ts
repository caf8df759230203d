// The encrypted store against tampering: a sealed value copied to another row, another
// environment or another tenant, or relabelled with another master key id, does not
// decrypt (AES-GCM associated data binds organization, environment and row id).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalKeyManagementService, SecretCryptoError } from "../../../lib/server/crypto";
import { db, closeDb } from "../../../lib/server/db";
import { env } from "../../../lib/server/env";
import { findConnectionRow, openConnection } from "../../../lib/server/services/connections/connection-store";
import { storeSecretsPorts } from "../../../lib/server/services/connections/store-secrets-ports";
import { findVariableRow, openVariable } from "../../../lib/server/services/variables/variable-store";
import { makeTenant, type Tenant } from "../authz-gate/fixtures";
import { api, planted } from "./helpers";

let acme: Tenant;
let globex: Tenant;
const secret = planted("tamper");
beforeAll(async () => {
  [acme, globex] = await Promise.all([makeTenant("Acme"), makeTenant("Globex")]);
  for (const [t, env, id] of [[acme, "dev", "a"], [acme, "dev", "b"], [acme, "stg", "a"], [globex, "dev", "a"]] as const) {
    const r = await api(t.owner).createConnection(t.environments[env].id, { connection_id: id, conn_type: "generic", host: "h.example.com", password: `${secret}-${t.organization.slug}-${env}-${id}` });
    expect(r.status).toBe(201);
  }
  await api(acme.owner).createVariable(acme.environments.dev.id, { key: "x_token", value: `${secret}-x` });
  await api(acme.owner).createVariable(acme.environments.dev.id, { key: "y_token", value: `${secret}-y` });
});
afterAll(closeDb);

const scope = (t: Tenant, e: "dev" | "stg") => ({ organizationId: t.organization.id, environmentId: t.environments[e].id });
const row = async (t: Tenant, e: "dev" | "stg", id: string) => (await findConnectionRow(scope(t, e), id))!;
const setSealed = (rowId: string, sealed: string) => db().$executeRaw`UPDATE connection SET sealed_secrets = ${sealed} WHERE id = ${rowId}`;
const reason = async (p: Promise<unknown>) => p.then(() => "decrypted", (e: unknown) => (e instanceof SecretCryptoError ? e.reason : `other: ${(e as Error).message}`));

describe("sealed connection secrets", () => {
  it("round-trip: each row opens to its own value", async () => {
    expect((await openConnection(await row(acme, "dev", "a"))).password).toBe(`${secret}-${acme.organization.slug}-dev-a`);
    expect((await openConnection(await row(globex, "dev", "a"))).password).toBe(`${secret}-${globex.organization.slug}-dev-a`);
  });

  it("fails when copied to another row, environment or tenant, and the worker's port fails too", async () => {
    const source = await row(acme, "dev", "a");
    const targets = [await row(acme, "dev", "b"), await row(acme, "stg", "a"), await row(globex, "dev", "a")];
    for (const target of targets) {
      const original = target.sealedSecrets!;
      await setSealed(target.id, source.sealedSecrets!);
      try {
        const moved = (await findConnectionRow(target, target.connectionId))!;
        expect(await reason(openConnection(moved))).toBe("authentication_failed");
      } finally {
        await setSealed(target.id, original);
      }
    }
    // A whole row moved to another environment of the same tenant.
    await db().$executeRaw`UPDATE connection SET environment_id = ${acme.environments.prd.id} WHERE id = ${source.id}`;
    try {
      const port = storeSecretsPorts({ ...scope(acme, "dev"), environmentId: acme.environments.prd.id, dagRun: { id: "00000000-0000-4000-8000-0000000000bb", dagId: "d", runId: "r" } });
      await expect(port.connections.getConnection("a", { dag_id: "d", run_id: "r", task_id: "t", try_number: 1 })).rejects.toThrow(/the connection 'a' cannot be decrypted: .*does not verify/);
      // The failed attempt is audited too.
      const failed = await db().auditEvent.findMany({ where: { principalId: "00000000-0000-4000-8000-0000000000bb", action: "connection.decrypt" } });
      expect(failed).toEqual([expect.objectContaining({ outcome: "failure", environmentId: acme.environments.prd.id, summary: expect.objectContaining({ reason: "authentication_failed", connection_id: "a" }) })]);
    } finally {
      await db().$executeRaw`UPDATE connection SET environment_id = ${acme.environments.dev.id} WHERE id = ${source.id}`;
    }
    expect((await openConnection(await row(acme, "dev", "a"))).password).toBe(`${secret}-${acme.organization.slug}-dev-a`);
  });

  it("fails under a wrong master key id: unknown, or another key's id", async () => {
    const r = await row(acme, "dev", "b");
    const sealed = r.sealedSecrets!;
    expect(sealed.startsWith("v1.k1.")).toBe(true);
    const unknownId = { ...r, sealedSecrets: sealed.replace(/^v1\.k1\./, "v1.k7.") };
    expect(await reason(openConnection(unknownId))).toBe("unknown_key");
    const ring = new LocalKeyManagementService([
      { id: "k2", base64: randomBytes(32).toString("base64") },
      { id: "k1", base64: env().WINDSOCK_MASTER_KEY! },
    ]);
    expect(await reason(openConnection({ ...r, sealedSecrets: sealed.replace(/^v1\.k1\./, "v1.k2.") }, ring))).toBe("key_unwrap_failed");
    expect(await reason(openConnection(r, ring))).toBe("decrypted");
  });

  it("binds a secret variable to its row too", async () => {
    const x = (await findVariableRow(scope(acme, "dev"), "x_token"))!;
    const y = (await findVariableRow(scope(acme, "dev"), "y_token"))!;
    expect(await openVariable(x)).toBe(`${secret}-x`);
    expect(await reason(openVariable({ ...y, sealedValue: x.sealedValue }))).toBe("authentication_failed");
    expect(await reason(openVariable({ ...x, environmentId: acme.environments.stg.id }))).toBe("authentication_failed");
  });
});
