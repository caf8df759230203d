// The members of the organization, each with the groups that give them their roles: the
// members page takes them all, the REST list one page (`limit`, `offset`) and the total.
import type { Access } from "../../authz/access";
import { countMembers, listMembers, type MemberRow } from "../../repositories/tenancy";

export async function listOrganizationMembers(access: Access<"member.read">): Promise<MemberRow[]> {
  return listMembers(access.organization.id);
}

export async function listOrganizationMembersPage(access: Access<"member.read">, page: { limit: number; offset: number }): Promise<{ members: MemberRow[]; total: number }> {
  const [members, total] = await Promise.all([listMembers(access.organization.id, page), countMembers(access.organization.id)]);
  return { members, total };
}
