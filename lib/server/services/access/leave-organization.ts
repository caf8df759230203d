// Leaving an organization: the person drops out of its groups and membership. The last
// owner cannot leave (Owners would be empty): they add another owner first, or delete
// the organization. Their sessions stay: they may belong to other organizations.
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { leaveInTransaction } from "./remove-member";
import { requireUser } from "./people-guards";

export async function leaveOrganization(access: Access<"organization.view">): Promise<{ groups: string[] }> {
  const me = requireUser(access);
  return mutate(access, "member.leave", { type: "user", id: me.userId }, async (tx, audit) => {
    const result = await leaveInTransaction(tx, access.organization.id, me.userId);
    audit.summary = { user: me.email, groups: result.groups };
    return result;
  });
}
