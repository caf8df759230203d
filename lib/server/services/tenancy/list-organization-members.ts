// The members page (read-only until issue 7 adds invitations and removal).
import type { Access } from "../../authz/access";
import { listMembers, type MemberRow } from "../../repositories/tenancy";

export async function listOrganizationMembers(access: Access<"member.read">): Promise<MemberRow[]> {
  return listMembers(access.organization.id);
}
