// `npm run keys:rotate`: re-wraps every connection's, variable's and webhook's data key with the
// current master key while the application keeps running. Only the wrapped data key
// changes (the ciphertext stays), so a reader holding the old record still decrypts it
// with the old key, which stays configured until rotation has finished. Writes are
// compare-and-set on the sealed column: a secret edited meanwhile is never overwritten
// (it was sealed under the current key anyway). Rows are visited once, in id order, a
// page at a time, so the run is resumable and a failed row does not loop.
import { writeAuditEvent } from "../../audit/write-audit-event";
import { rotateRecords, type KeyManagementService, type RotationReport } from "../../crypto";
import { db } from "../../db";

export type RotatedTable = "connection" | "variable" | "webhook";

export interface RotationProgress {
  table: RotatedTable;
  /** Totals so far for this table. */
  report: RotationReport;
}

export interface RotateMasterKeysOptions {
  pageSize?: number;
  concurrency?: number;
  onProgress?: (progress: RotationProgress) => void;
  /** Only this organization's secrets (e.g. to rotate one tenant first, or in tests). */
  organizationId?: string;
}

const TABLES: Record<RotatedTable, { column: "sealed_secrets" | "sealed_value" | "sealed_secret" }> = {
  connection: { column: "sealed_secrets" },
  variable: { column: "sealed_value" },
  webhook: { column: "sealed_secret" },
};

export async function rotateMasterKeys(kms: KeyManagementService, options: RotateMasterKeysOptions = {}): Promise<Record<RotatedTable, RotationReport>> {
  const result = {} as Record<RotatedTable, RotationReport>;
  for (const table of Object.keys(TABLES) as RotatedTable[]) result[table] = await rotateTable(kms, table, options);
  await writeAuditEvent(db(), {
    action: "secrets.rotate",
    outcome: Object.values(result).some((r) => r.failed.length) ? "failure" : "success",
    principal: { type: "system", name: "keys:rotate" },
    organizationId: options.organizationId ?? null,
    summary: {
      current_key_id: kms.currentKeyId,
      ...Object.fromEntries(
        Object.entries(result).map(([t, r]) => [t, { scanned: r.scanned, rewrapped: r.rewrapped, already_current: r.alreadyCurrent, changed: r.changed, failed: r.failed.length, by_key_before: r.byKeyBefore }]),
      ),
    },
  });
  return result;
}

async function rotateTable(kms: KeyManagementService, table: RotatedTable, options: RotateMasterKeysOptions): Promise<RotationReport> {
  const { column } = TABLES[table];
  const pageSize = options.pageSize ?? 200;
  const total: RotationReport = { scanned: 0, rewrapped: 0, alreadyCurrent: 0, changed: 0, byKeyBefore: {}, failed: [] };
  let after = "";
  for (;;) {
    // Table and column names come from the constant map above, never from input.
    const rows = options.organizationId
      ? await db().$queryRawUnsafe<{ id: string; sealed: string }[]>(
          `SELECT id, ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL AND id > $1 AND organization_id = $3 ORDER BY id LIMIT $2`,
          after,
          pageSize,
          options.organizationId,
        )
      : await db().$queryRawUnsafe<{ id: string; sealed: string }[]>(`SELECT id, ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`, after, pageSize);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const report = await rotateRecords(
      kms,
      rows.map((r) => ({ id: `${table}:${r.id}`, record: r.sealed })),
      async (ref, before, rewrapped) => {
        const id = ref.slice(table.length + 1);
        const updated = await db().$executeRawUnsafe(`UPDATE ${table} SET ${column} = $1, key_id = $2 WHERE id = $3 AND ${column} = $4`, rewrapped, kms.currentKeyId, id, before);
        return updated === 1;
      },
      { concurrency: options.concurrency },
    );
    merge(total, report);
    options.onProgress?.({ table, report: total });
  }
  return total;
}

function merge(into: RotationReport, page: RotationReport) {
  into.scanned += page.scanned;
  into.rewrapped += page.rewrapped;
  into.alreadyCurrent += page.alreadyCurrent;
  into.changed += page.changed;
  for (const [k, n] of Object.entries(page.byKeyBefore)) into.byKeyBefore[k] = (into.byKeyBefore[k] ?? 0) + n;
  into.failed.push(...page.failed);
}
