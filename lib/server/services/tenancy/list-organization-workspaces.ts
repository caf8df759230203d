// Organization settings: every workspace with its environments. Needs "organization.read"
// (a role on the organization), so nothing here is hidden by narrower bindings.
import type { Access } from "../../authz/access";
import { listWorkspacesWithEnvironments, type WorkspaceWithEnvironments } from "../../repositories/tenancy";
import { sortEnvironments } from "./load-shell-navigation";

export async function listOrganizationWorkspaces(access: Access<"organization.read">): Promise<WorkspaceWithEnvironments[]> {
  const rows = await listWorkspacesWithEnvironments(access.organization.id);
  return rows.map((ws) => ({ ...ws, environments: sortEnvironments(ws.environments) }));
}
