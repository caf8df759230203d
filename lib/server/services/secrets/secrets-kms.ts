// The process's key management service for connections and variables, built once from
// configuration (WINDSOCK_MASTER_KEYS / WINDSOCK_MASTER_KEY). Tests and `keys:rotate`
// may install another one (e.g. a ring with a new current key).
import { LocalKeyManagementService, type KeyManagementService } from "../../crypto";
import { env } from "../../env";

const globalForKms = globalThis as unknown as { windsockKms?: KeyManagementService };

export function secretsKms(): KeyManagementService {
  globalForKms.windsockKms ??= LocalKeyManagementService.fromConfig(env());
  return globalForKms.windsockKms;
}

/** Replaces the process's KMS (tests; a cloud KMS adapter at start-up). */
export function useSecretsKms(kms: KeyManagementService | undefined): void {
  globalForKms.windsockKms = kms;
}
