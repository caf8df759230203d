import Link from "next/link";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/server/auth/current-session";
import { PASSWORD_MIN_LENGTH } from "@/lib/server/auth/passwords";
import { HOME_AFTER_LOGIN } from "@/lib/server/auth/redirects";
import { publicRoute } from "@/lib/server/authz/public-route";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Sign up" };

export default publicRoute("auth: sign-up page", async function SignupPage() {
  if (await currentSession()) redirect(HOME_AFTER_LOGIN);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Create your Windsock account</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Already have one?{" "}
        <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700 hover:underline dark:text-brand-400 dark:hover:text-brand-300">
          Log in
        </Link>
      </p>
      <div className="mt-8">
        <SignupForm minPasswordLength={PASSWORD_MIN_LENGTH} />
      </div>
    </>
  );
});
