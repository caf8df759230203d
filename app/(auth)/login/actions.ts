"use server";
// Log in: next-auth's Credentials provider checks the password (services/accounts/log-in)
// and sets the JWT cookie. Refusals come back as CredentialsSignin with a code.
import { CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/server/auth/next-auth";
import { safeNextPath } from "@/lib/server/auth/redirects";
import { tooManyAttemptsMessage } from "@/lib/server/auth/rate-limit";
import { INVALID_LOGIN_MESSAGE } from "@/lib/server/services/accounts/log-in";
import { publicRoute } from "@/lib/server/authz/public-route";
import type { FormState } from "../_components/form-state";

export const logInAction = publicRoute("auth: log in", async function logInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const values = { email };
  const fields: Record<string, string> = {};
  if (!email) fields.email = "Enter your email address.";
  if (!password) fields.password = "Enter your password.";
  if (Object.keys(fields).length) return { fields, values };

  try {
    // Redirects (throws NEXT_REDIRECT) on success; that must propagate.
    await signIn("credentials", { email, password, redirectTo: safeNextPath(formData.get("next")) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = String(error.code ?? "");
      if (code.startsWith("rate_limited:")) return { message: tooManyAttemptsMessage(Number(code.split(":")[1]) || 60), values };
      return { message: INVALID_LOGIN_MESSAGE, values };
    }
    throw error;
  }
  return {};
});
