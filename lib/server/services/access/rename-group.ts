// Renames a group (and changes its description). Bindings and members stay as they are.
import { z } from "zod";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { groupNameTaken, ZCreateGroupRequestSchema } from "./create-group";
import { findGroup, invalid, OWNERS_KIND, requireUser } from "./people-guards";

export async function renameGroup(access: Access<"group.manage">, groupId: string, input: z.input<typeof ZCreateGroupRequestSchema>) {
  requireUser(access);
  const parsed = ZCreateGroupRequestSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const { name, description } = parsed.data;
  const organizationId = access.organization.id;
  try {
    return await mutate(access, "group.update", { type: "group", id: groupId }, async (tx, audit) => {
      const group = await findGroup(tx, organizationId, groupId);
      if (group.systemKind === OWNERS_KIND && name !== group.name) {
        const message = "The Owners group keeps its name, so everyone can find who owns the organization.";
        throw new AppError("unprocessable", message, { name: message });
      }
      audit.summary = { before: { name: group.name, description: group.description }, after: { name, description } };
      return tx.group.update({ where: { id: group.id }, data: { name, description }, select: { id: true, name: true } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw groupNameTaken(name);
    throw error;
  }
}
