// The API tokens of one environment for its admins: never a secret or a hash, only the
// display prefix, role, dates, last use and status.
import { apiTokenStatus, type ApiTokenStatus } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { listApiTokensOfEnvironment, type ApiTokenRow } from "../../repositories/api-tokens";

export type ApiTokenView = Omit<ApiTokenRow, "environmentId"> & { environmentId: string; status: ApiTokenStatus };

export async function listApiTokens(access: Access<"api_token.read">, now: Date = new Date()): Promise<ApiTokenView[]> {
  const rows = await listApiTokensOfEnvironment(access.organization.id, access.environment.id);
  return rows.map((row) => ({ ...row, status: apiTokenStatus(row, now) }));
}
