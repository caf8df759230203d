"use server";
// Asks for a reset link. The answer never says whether the email has an account; the
// lookup and the mail run after the response (`after`), so timing does not tell either.
import { after } from "next/server";
import { headers } from "next/headers";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { requestPasswordReset } from "@/lib/server/services/accounts/request-password-reset";
import { publicRoute } from "@/lib/server/authz/public-route";
import { requestContext } from "@/lib/server/request-context";
import type { FormState } from "../_components/form-state";

export const requestResetAction = publicRoute("auth: request a password reset", async function requestResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get("email") ?? "").trim();
  if (!email || !email.includes("@")) return { fields: { email: "Enter the email address you log in with." }, values: { email } };
  const result = await requestPasswordReset(
    { email },
    {
      request: await requestContext(),
      baseUrl: publicBaseUrl(await headers()),
      defer: (task) =>
        after(() => task().catch((error) => console.error("[auth] password reset request failed:", error))),
    },
  );
  return result.ok ? { notice: result.message, values: { email } } : { message: result.message, values: { email } };
});
