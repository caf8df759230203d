// Renames a group (and changes its description). Bindings and members stay as they are.
// A field left out keeps its value (the REST PATCH); the settings form always sends both.
import { z } from "zod";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { groupNameTaken, ZCreateGroupRequestSchema } from "./create-group";
import { findGroup, invalid, OWNERS_KIND, requireUser } from "./people-guards";

export const ZUpdateGroupRequestSchema = z.object({
  name: ZCreateGroupRequestSchema.shape.name.optional(),
  description: z.string().trim().max(300, "Keep the description under 300 characters.").optional(),
});

export async function renameGroup(access: Access<"group.manage">, groupId: string, input: z.input<typeof ZUpdateGroupRequestSchema>) {
  requireUser(access);
  const parsed = ZUpdateGroupRequestSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const organizationId = access.organization.id;
  let name = parsed.data.name;
  try {
    return await mutate(access, "group.update", { type: "group", id: groupId }, async (tx, audit) => {
      const group = await findGroup(tx, organizationId, groupId);
      name ??= group.name;
      const description = parsed.data.description ?? group.description;
      if (group.systemKind === OWNERS_KIND && name !== group.name) {
        const message = "The Owners group keeps its name, so everyone can find who owns the organization.";
        throw new AppError("unprocessable", message, { name: message });
      }
      audit.summary = { before: { name: group.name, description: group.description }, after: { name, description } };
      return tx.group.update({ where: { id: group.id }, data: { name, description }, select: { id: true, name: true } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw groupNameTaken(name ?? "");
    throw error;
  }
}
