// Where `/app` sends a signed-in person: the first environment they can see, preferring
// `dev` of their first workspace in their first organization.
import { effectiveRole } from "../../../domain/authz";
import type { Access } from "../../authz/access";
import { loadGrants } from "../../authz/check-access";
import { listOrganizationsOfUser, listWorkspacesWithEnvironments } from "../../repositories/tenancy";
import { sortEnvironments } from "./load-shell-navigation";

export type Landing =
  | { kind: "environment"; orgSlug: string; workspaceSlug: string; envSlug: string }
  | { kind: "organization"; orgSlug: string } // a member with no environment yet
  | { kind: "none" }; // no organization at all

export async function findLandingEnvironment(access: Access<"account.read">): Promise<Landing> {
  if (access.principal.kind !== "user") return { kind: "none" };
  const organizations = await listOrganizationsOfUser(access.principal.userId);
  for (const organization of organizations) {
    const [grants] = await loadGrants(access.principal, organization.id);
    for (const ws of await listWorkspacesWithEnvironments(organization.id)) {
      for (const env of sortEnvironments(ws.environments)) {
        const role = effectiveRole(grants, { level: "environment", organizationId: organization.id, workspaceId: ws.id, environmentId: env.id });
        if (role) return { kind: "environment", orgSlug: organization.slug, workspaceSlug: ws.slug, envSlug: env.slug };
      }
    }
  }
  return organizations[0] ? { kind: "organization", orgSlug: organizations[0].slug } : { kind: "none" };
}
