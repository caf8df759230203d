// The program behind `npm run keys:rotate` (infra/keys-rotate.mjs finds the database).
// Prints progress per table and per master key id; exit 1 when a record failed (the
// message names it and what to do), 2 on a configuration problem.
import { ConfigError, env } from "../../env";
import { closeDb } from "../../db";
import { SecretCryptoError } from "../../crypto";
import { rotateMasterKeys, type RotationProgress } from "./rotate-master-keys";
import { secretsKms } from "./secrets-kms";

const byKey = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k}: ${n}`)
    .join(", ") || "none";

const USAGE = "usage: npm run keys:rotate [-- --organization <organization id>]";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let organizationId: string | undefined;
  if (args.length) {
    if (args[0] !== "--organization" || !args[1] || args.length > 2) {
      console.error(USAGE);
      return 2;
    }
    organizationId = args[1];
  }
  let kms;
  try {
    env();
    kms = secretsKms();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SecretCryptoError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  console.log(
    `keys:rotate: re-wrapping every secret${organizationId ? ` of organization ${organizationId}` : ""} with master key "${kms.currentKeyId}" (configured: ${kms.keyIds.join(", ")})`,
  );
  const onProgress = ({ table, report }: RotationProgress) =>
    console.log(`  ${table}s: ${report.scanned} scanned (before, by key id: ${byKey(report.byKeyBefore)}); ${report.rewrapped} re-wrapped, ${report.alreadyCurrent} already current, ${report.changed} changed meanwhile, ${report.failed.length} failed`);
  const result = await rotateMasterKeys(kms, { onProgress, organizationId });
  let failed = 0;
  for (const [table, report] of Object.entries(result)) {
    if (report.scanned === 0) console.log(`  ${table}s: none stored`);
    for (const f of report.failed) {
      failed++;
      console.error(`  FAILED ${f.id} (${f.reason}): ${f.message}`);
    }
  }
  if (failed) {
    console.error(`keys:rotate: ${failed} record(s) could not be re-wrapped; keep their old master key configured and run again after fixing them.`);
    return 1;
  }
  const others = organizationId ? [] : kms.keyIds.filter((k) => k !== kms.currentKeyId);
  console.log(
    `keys:rotate: done. Every secret is now wrapped with "${kms.currentKeyId}".` +
      (others.length ? ` After every web and worker process runs with this key ring, you may remove ${others.map((k) => `"${k}"`).join(", ")} from WINDSOCK_MASTER_KEYS.` : ""),
  );
  return 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error("keys:rotate: failed:", error instanceof Error ? error.message : error);
    await closeDb().catch(() => undefined);
    process.exit(1);
  });
