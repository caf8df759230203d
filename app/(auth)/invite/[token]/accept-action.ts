"use server";
// Accept an invitation as the signed-in person (their address must be the invited one).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { actionAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { acceptInvitation } from "@/lib/server/services/access/accept-invitation";
import type { FormState } from "../../_components/form-state";

export async function acceptInvitationAction(token: string): Promise<FormState> {
  let slug: string;
  try {
    const access = await actionAccess("account.update", undefined);
    ({ organization: { slug } } = await acceptInvitation(access, token));
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  revalidatePath("/", "layout");
  redirect(`/o/${slug}`);
}
