import type { Metadata } from "next";
import { publicRoute } from "@/lib/server/authz/public-route";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

export default publicRoute("auth: forgot-password page", function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Reset your password</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Enter the email you log in with. We will send you a link to choose a new password.
      </p>
      <div className="mt-8">
        <ForgotPasswordForm />
      </div>
    </>
  );
});
