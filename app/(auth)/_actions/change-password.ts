"use server";
// Change password from account settings. This session stays; all others end.
import { changePassword } from "@/lib/server/services/accounts/change-password";
import { AppError } from "@/lib/server/errors";
import { actionAccess } from "@/lib/server/authz";
import type { FormState } from "../_components/form-state";

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const access = await actionAccess("account.update", undefined);
  if (access.principal.kind !== "user") return { message: "Only a signed-in person can change their password." };
  try {
    const { endedSessions } = await changePassword(
      access.principal,
      { currentPassword: String(formData.get("currentPassword") ?? ""), newPassword: String(formData.get("newPassword") ?? "") },
      access.request,
    );
    return {
      notice:
        endedSessions > 0
          ? `Password changed. ${endedSessions} other session${endedSessions === 1 ? " was" : "s were"} logged out.`
          : "Password changed.",
    };
  } catch (error) {
    if (error instanceof AppError && (error.code === "unprocessable" || error.code === "rate_limited")) {
      const fields = error.code === "unprocessable" ? (error.details as Record<string, string>) : undefined;
      return { message: fields ? undefined : error.message, fields };
    }
    throw error;
  }
}
