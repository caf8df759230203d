"use server";
// Sign up from an invitation link: the token is the credential (like a reset link), so
// this action is public. The account gets the invited address; then log straight in.
import { redirect } from "next/navigation";
import { CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/server/auth/next-auth";
import { HOME_AFTER_LOGIN } from "@/lib/server/auth/redirects";
import { publicRoute } from "@/lib/server/authz/public-route";
import { AppError } from "@/lib/server/errors";
import { requestContext } from "@/lib/server/request-context";
import { signUpFromInvitation } from "@/lib/server/services/access/accept-invitation";
import type { FormState } from "../../_components/form-state";

export const signUpFromInvitationAction = publicRoute(
  "auth: sign up from an invitation (the token is the credential)",
  async function signUpFromInvitationAction(token: string, _prev: FormState, formData: FormData): Promise<FormState> {
    const name = String(formData.get("name") ?? "");
    const password = String(formData.get("password") ?? "");
    let email: string;
    try {
      ({ user: { email } } = await signUpFromInvitation(token, { name, password }, await requestContext()));
    } catch (error) {
      if (error instanceof AppError && ["unprocessable", "conflict", "rate_limited"].includes(error.code)) {
        const fields = error.details && typeof error.details === "object" ? (error.details as Record<string, string>) : undefined;
        const shown = fields && ("name" in fields || "password" in fields) ? fields : undefined;
        return { message: shown ? undefined : error.message, fields: shown, values: { name } };
      }
      throw error;
    }
    try {
      await signIn("credentials", { email, password, redirectTo: HOME_AFTER_LOGIN });
    } catch (error) {
      if (error instanceof CredentialsSignin) redirect("/login");
      throw error;
    }
    return {};
  },
);
