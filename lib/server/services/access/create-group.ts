// A new, empty group with no bindings: it gives nobody anything until it is bound.
import { z } from "zod";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { invalid, requireUser } from "./people-guards";

export const ZGroupNameSchema = z.string().trim().min(2, "Enter a group name of 2 characters or more.").max(60, "Use at most 60 characters.");

export const ZCreateGroupRequestSchema = z.object({
  name: ZGroupNameSchema,
  description: z.string().trim().max(300, "Keep the description under 300 characters.").default(""),
});

export const groupNameTaken = (name: string) => {
  const message = `A group named "${name}" already exists. Choose another name.`;
  return new AppError("conflict", message, { name: message });
};

export async function createGroup(access: Access<"group.manage">, input: z.input<typeof ZCreateGroupRequestSchema>): Promise<{ id: string; name: string }> {
  requireUser(access);
  const parsed = ZCreateGroupRequestSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const { name, description } = parsed.data;
  try {
    return await mutate(access, "group.create", { type: "group" }, async (tx, audit) => {
      const group = await tx.group.create({ data: { organizationId: access.organization.id, name, description }, select: { id: true, name: true } });
      audit.targetId = group.id;
      audit.summary = { name, description };
      return group;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw groupNameTaken(name);
    throw error;
  }
}
