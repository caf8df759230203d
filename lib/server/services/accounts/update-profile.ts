// Account settings: a person changes their display name (shown to their organizations'
// members and in the audit log). Email changes need verification and come later.
import { z } from "zod";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { AppError } from "../../errors";

export const ZUpdateProfileRequestSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
});

export async function updateProfile(access: Access<"account.update">, input: z.input<typeof ZUpdateProfileRequestSchema>) {
  if (access.principal.kind !== "user") throw new AppError("forbidden", "Only a signed-in person can change their profile.");
  const userId = access.principal.userId;
  const parsed = ZUpdateProfileRequestSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter your name.";
    throw new AppError("unprocessable", message, { name: message });
  }
  const { name } = parsed.data;
  return mutate(access, "user.update_profile", { type: "user", id: userId }, async (tx, audit) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
    audit.summary = { before: { name: before.name }, after: { name } };
    return tx.user.update({ where: { id: userId }, data: { name }, select: { id: true, name: true } });
  });
}
