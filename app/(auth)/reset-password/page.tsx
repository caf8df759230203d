import type { Metadata } from "next";
import { PASSWORD_MIN_LENGTH } from "@/lib/server/auth/passwords";
import { publicRoute } from "@/lib/server/authz/public-route";
import { isResetLinkUsable } from "@/lib/server/services/accounts/reset-password";
import { InvalidLink, ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The page tells at once when a link is dead; single use is still enforced on submit.
export default publicRoute("auth: reset-password page", async function ResetPasswordPage({ searchParams }: Props) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const usable = /^[A-Za-z0-9_-]{20,200}$/.test(token) && (await isResetLinkUsable(token));
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      {usable ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Pick a password you do not use anywhere else. Every session of your account will be logged out.</p>
      ) : null}
      <div className="mt-8">{usable ? <ResetPasswordForm token={token} minPasswordLength={PASSWORD_MIN_LENGTH} /> : <InvalidLink />}</div>
    </>
  );
});
