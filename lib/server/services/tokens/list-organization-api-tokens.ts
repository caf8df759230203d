// Every API token the caller may manage in one organization: the tokens of each
// environment where their effective role is admin or owner (an organization admin sees
// all; a prd admin sees prd's). For security reviews: what can call the API, and from where.
import { apiTokenStatus, effectiveRole, roleAtLeast, type ApiTokenStatus } from "../../../domain/authz";
import type { OrganizationAccess } from "../../authz/access";
import { loadGrants } from "../../authz/check-access";
import { listApiTokensOfEnvironments, type ApiTokenRow } from "../../repositories/api-tokens";
import { listWorkspacesWithEnvironments } from "../../repositories/tenancy";

export type OrganizationTokenView = ApiTokenRow & {
  status: ApiTokenStatus;
  environment: { id: string; slug: string; name: string };
  workspace: { id: string; slug: string; name: string };
};

export async function listOrganizationApiTokens(
  access: OrganizationAccess,
  now: Date = new Date(),
): Promise<{ tokens: OrganizationTokenView[]; administeredEnvironments: number }> {
  const organizationId = access.organization.id;
  const [[grants], workspaces] = await Promise.all([loadGrants(access.principal, organizationId), listWorkspacesWithEnvironments(organizationId)]);
  const places = new Map<string, { environment: OrganizationTokenView["environment"]; workspace: OrganizationTokenView["workspace"] }>();
  for (const ws of workspaces) {
    for (const env of ws.environments) {
      const role = effectiveRole(grants, { level: "environment", organizationId, workspaceId: ws.id, environmentId: env.id });
      if (roleAtLeast(role, "admin")) {
        places.set(env.id, { environment: { id: env.id, slug: env.slug, name: env.name }, workspace: { id: ws.id, slug: ws.slug, name: ws.name } });
      }
    }
  }
  const rows = await listApiTokensOfEnvironments(organizationId, [...places.keys()]);
  return {
    tokens: rows.map((row) => ({ ...row, status: apiTokenStatus(row, now), ...places.get(row.environmentId)! })),
    administeredEnvironments: places.size,
  };
}
