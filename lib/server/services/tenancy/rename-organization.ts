// Organization settings: change the display name (the slug, and so every URL, stays).
import { z } from "zod";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { AppError } from "../../errors";

export const ZRenameOrganizationRequestSchema = z.object({
  name: z.string().trim().min(2, "Enter a name of 2 characters or more.").max(80, "Use at most 80 characters."),
});

export async function renameOrganization(access: Access<"organization.update">, input: z.input<typeof ZRenameOrganizationRequestSchema>) {
  const parsed = ZRenameOrganizationRequestSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter a name.";
    throw new AppError("unprocessable", message, { name: message });
  }
  const before = access.organization.name;
  const { name } = parsed.data;
  return mutate(access, "organization.update", { type: "organization", id: access.organization.id }, async (tx, audit) => {
    audit.summary = { before: { name: before }, after: { name } };
    return tx.organization.update({ where: { id: access.organization.id }, data: { name }, select: { id: true, slug: true, name: true } });
  });
}
