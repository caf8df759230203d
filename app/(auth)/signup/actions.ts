"use server";
// Sign up, then log straight in and land on /app (which opens the new workspace's dev).
import { redirect } from "next/navigation";
import { CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/server/auth/next-auth";
import { HOME_AFTER_LOGIN } from "@/lib/server/auth/redirects";
import { signUp } from "@/lib/server/services/accounts/sign-up";
import { AppError } from "@/lib/server/errors";
import { publicRoute } from "@/lib/server/authz/public-route";
import { requestContext } from "@/lib/server/request-context";
import type { FormState } from "../_components/form-state";

export const signUpAction = publicRoute("auth: sign up", async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const input = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
    organizationName: String(formData.get("organizationName") ?? ""),
  };
  const values = { name: input.name, email: input.email, organizationName: input.organizationName };
  try {
    await signUp(input, await requestContext());
  } catch (error) {
    if (error instanceof AppError && ["unprocessable", "conflict", "rate_limited"].includes(error.code)) {
      const fields = error.details && typeof error.details === "object" ? (error.details as Record<string, string>) : undefined;
      return { message: fields ? undefined : error.message, fields, values };
    }
    throw error;
  }
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: HOME_AFTER_LOGIN });
  } catch (error) {
    // The account exists; if logging in is refused now (rate limit), let them log in by hand.
    if (error instanceof CredentialsSignin) redirect("/login");
    throw error;
  }
  return {};
});
