// The organizations the signed-in person belongs to (organization switcher, account page).
import type { Access } from "../../authz/access";
import { listOrganizationsOfUser, type OrganizationRow } from "../../repositories/tenancy";

export async function listMyOrganizations(access: Access<"account.read">): Promise<OrganizationRow[]> {
  return access.principal.kind === "user" ? listOrganizationsOfUser(access.principal.userId) : [];
}
