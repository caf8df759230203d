"use server";
// Account settings: the display name. The password form uses the accounts actions.
import { revalidatePath } from "next/cache";
import { actionAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { updateProfile } from "@/lib/server/services/accounts/update-profile";
import type { FormState } from "@/app/(auth)/_components/form-state";

export async function updateProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const name = String(formData.get("name") ?? "");
  try {
    const access = await actionAccess("account.update", undefined);
    await updateProfile(access, { name });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unprocessable") return { fields: error.details as Record<string, string>, values: { name } };
    return { message: error.message, values: { name } };
  }
  revalidatePath("/", "layout");
  return { notice: "Saved.", values: { name } };
}
