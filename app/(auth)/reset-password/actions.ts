"use server";
// Sets the new password from a reset link, then sends the person to log in again: the
// reset ended every session, including any an attacker may have had.
import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/server/services/accounts/reset-password";
import { AppError } from "@/lib/server/errors";
import { publicRoute } from "@/lib/server/authz/public-route";
import { requestContext } from "@/lib/server/request-context";
import type { FormState } from "../_components/form-state";

export const resetPasswordAction = publicRoute("auth: set a new password from a reset link", async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const token = String(formData.get("token") ?? "");
  const password = String(formData.get("password") ?? "");
  try {
    await resetPassword({ token, password }, await requestContext());
  } catch (error) {
    if (error instanceof AppError && error.code === "unprocessable") {
      const details = (error.details ?? {}) as Record<string, string>;
      return details.token ? { message: details.token, values: { tokenInvalid: "1" } } : { fields: { password: details.password ?? error.message } };
    }
    throw error;
  }
  redirect("/login?notice=reset");
});
