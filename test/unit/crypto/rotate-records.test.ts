import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, keyIdOf, rotateRecords } from "../../../lib/server/crypto";
import { ctx, kmsWith, newKey } from "./helpers";

describe("rotating every record (npm run keys:rotate)", () => {
  const k1 = newKey();
  const k2 = newKey();
  const old = kmsWith(["k1", k1]);
  const during = kmsWith(["k2", k2], ["k1", k1]);

  async function table(n: number) {
    const rows = new Map<string, string>();
    for (let i = 0; i < n; i++) rows.set(`conn_${i}`, await encryptSecret(old, `value-${i}`, { ...ctx, objectId: `conn_${i}` }));
    return rows;
  }
  /** A compare-and-set write, as the UPDATE … WHERE value = $before will be. */
  const casWrite = (rows: Map<string, string>) => async (id: string, before: string, after: string) => {
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    if (rows.get(id) !== before) return false;
    rows.set(id, after);
    return true;
  };

  it("moves every record to the current key while readers keep reading, and a second run has nothing to do", async () => {
    const rows = await table(60);
    const reading = (async () => {
      for (let round = 0; round < 5; round++) {
        await Promise.all([...rows.entries()].map(async ([id, rec]) => expect(await decryptSecret(during, rec, { ...ctx, objectId: id })).toBe(`value-${id.slice(5)}`)));
      }
    })();
    const report = await rotateRecords(during, [...rows.entries()].map(([id, record]) => ({ id, record })), casWrite(rows), { concurrency: 7 });
    await reading;
    expect(report).toMatchObject({ scanned: 60, rewrapped: 60, alreadyCurrent: 0, changed: 0, byKeyBefore: { k1: 60 }, failed: [] });
    expect(new Set([...rows.values()].map(keyIdOf))).toEqual(new Set(["k2"]));
    const onlyNew = kmsWith(["k2", k2]);
    for (const [id, rec] of rows) expect(await decryptSecret(onlyNew, rec, { ...ctx, objectId: id })).toBe(`value-${id.slice(5)}`);

    const again = await rotateRecords(during, [...rows.entries()].map(([id, record]) => ({ id, record })), casWrite(rows));
    expect(again).toMatchObject({ scanned: 60, rewrapped: 0, alreadyCurrent: 60, byKeyBefore: { k2: 60 } });
  });

  it("never overwrites a secret a user changed meanwhile", async () => {
    const rows = await table(3);
    const snapshot = [...rows.entries()].map(([id, record]) => ({ id, record }));
    rows.set("conn_1", await encryptSecret(during, "edited-by-user", { ...ctx, objectId: "conn_1" }));
    const report = await rotateRecords(during, snapshot, casWrite(rows));
    expect(report).toMatchObject({ rewrapped: 2, changed: 1 });
    expect(await decryptSecret(during, rows.get("conn_1")!, { ...ctx, objectId: "conn_1" })).toBe("edited-by-user");
  });

  it("reports a record it cannot re-wrap by id and goes on with the rest", async () => {
    const rows = await table(3);
    rows.set("conn_x", await encryptSecret(kmsWith(["k0", newKey()]), "lost", ctx));
    rows.set("conn_y", "garbage");
    const report = await rotateRecords(during, [...rows.entries()].map(([id, record]) => ({ id, record })), casWrite(rows));
    expect(report.rewrapped).toBe(3);
    const failed = [...report.failed].sort((a, b) => a.id.localeCompare(b.id));
    expect(failed.map((f) => [f.id, f.reason])).toEqual([["conn_x", "unknown_key"], ["conn_y", "malformed_record"]]);
    expect(failed[0].message).toMatch(/master key "k0" is not configured/);
  });

  it("reads from an async source (a paginated table scan)", async () => {
    const rows = await table(5);
    async function* scan() {
      for (const [id, record] of rows) yield { id, record };
    }
    expect((await rotateRecords(during, scan(), casWrite(rows), { concurrency: 2 })).rewrapped).toBe(5);
  });
});
