// The loop behind `npm run keys:rotate`, independent of the tables: re-wraps every record
// not yet under the current master key, a few at a time, while the application keeps
// reading and writing. `write` must be a compare-and-set (UPDATE … WHERE id = $1 AND
// <column> = $before), so a secret changed by a user meanwhile is never overwritten with
// its old value; such a row is counted as `changed` and needs no work (a new write already
// uses the current key). One bad record is reported and the rest go on.
import { SecretCryptoError } from "./crypto-error";
import { rewrapSecret } from "./envelope";
import type { KeyManagementService } from "./key-management-service";
import { parseSealedSecret } from "./sealed-secret";

export interface RecordRef {
  /** Identifies the row and column, for the report (e.g. "connection:abc123.password"). */
  id: string;
  record: string;
}

export interface RotationReport {
  scanned: number;
  rewrapped: number;
  alreadyCurrent: number;
  /** Rows whose record changed between reading and writing. */
  changed: number;
  /** Records per master key id as found, before re-wrapping. */
  byKeyBefore: Record<string, number>;
  failed: { id: string; reason: string; message: string }[];
}

export async function rotateRecords(
  kms: KeyManagementService,
  records: AsyncIterable<RecordRef> | Iterable<RecordRef>,
  write: (id: string, before: string, after: string) => Promise<boolean>,
  options: { concurrency?: number } = {},
): Promise<RotationReport> {
  const report: RotationReport = { scanned: 0, rewrapped: 0, alreadyCurrent: 0, changed: 0, byKeyBefore: {}, failed: [] };
  const limit = Math.max(1, options.concurrency ?? 8);
  const running = new Set<Promise<void>>();

  const one = async ({ id, record }: RecordRef) => {
    try {
      const keyId = parseSealedSecret(record).keyId;
      report.byKeyBefore[keyId] = (report.byKeyBefore[keyId] ?? 0) + 1;
      if (keyId === kms.currentKeyId) {
        report.alreadyCurrent++;
        return;
      }
      const after = await rewrapSecret(kms, record);
      if (await write(id, record, after)) report.rewrapped++;
      else report.changed++;
    } catch (error) {
      const reason = error instanceof SecretCryptoError ? error.reason : "write_failed";
      report.failed.push({ id, reason, message: (error as Error).message });
    }
  };

  for await (const ref of records) {
    report.scanned++;
    const task: Promise<void> = one(ref).finally(() => running.delete(task));
    running.add(task);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  return report;
}
