// Revoke an API token of the environment the gate resolved: the very next request with
// it is refused (401). A token of another environment answers 404, like a missing one.
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { NOT_FOUND_MESSAGE } from "../../authz/check-access";
import { AppError } from "../../errors";
import { findApiTokenInEnvironment, markApiTokenRevoked } from "../../repositories/api-tokens";

export async function revokeApiToken(access: Access<"api_token.revoke">, tokenId: string): Promise<{ id: string; revokedAt: Date }> {
  const id = String(tokenId ?? "");
  return mutate(access, "api_token.revoke", { type: "api_token", id }, async (tx, audit) => {
    const token = await findApiTokenInEnvironment(tx, access.organization.id, access.environment.id, id);
    if (!token) throw new AppError("not_found", NOT_FOUND_MESSAGE);
    if (token.revokedAt) throw new AppError("conflict", `The token "${token.name}" was already revoked.`);
    const now = new Date();
    await markApiTokenRevoked(tx, token.id, now);
    audit.summary = { name: token.name, role: token.role, prefix: token.prefix };
    return { id: token.id, revokedAt: now };
  });
}
