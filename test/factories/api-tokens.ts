// API tokens for tests, minted through the real service as the environment's owner.
import type { ApiTokenRole } from "../../lib/domain/authz";
import { checkAccess, type UserPrincipal } from "../../lib/server/authz";
import { db } from "../../lib/server/db";
import { createApiToken, type CreatedApiToken } from "../../lib/server/services/tokens/create-api-token";

export async function mintToken(
  minter: UserPrincipal,
  environmentId: string,
  role: ApiTokenRole,
  options: { name?: string; state?: "active" | "expired" | "revoked" } = {},
): Promise<CreatedApiToken> {
  const access = await checkAccess(minter, "api_token.create", { environmentId });
  const token = await createApiToken(access, { name: options.name ?? `${role} token`, role, expiresInDays: 30 });
  if (options.state === "expired") await db().apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  if (options.state === "revoked") await db().apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
  return token;
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
