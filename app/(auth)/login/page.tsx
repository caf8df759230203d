import Link from "next/link";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/server/auth/current-session";
import { HOME_AFTER_LOGIN, safeNextPath } from "@/lib/server/auth/redirects";
import { publicRoute } from "@/lib/server/authz/public-route";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

const NOTICES: Record<string, string> = {
  reset: "Your password was changed and every session was logged out. Log in with your new password.",
  "logged-out": "You are logged out.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default publicRoute("auth: log-in page", async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const next = first(params.next);
  if (await currentSession()) redirect(safeNextPath(next, HOME_AFTER_LOGIN));
  const notice = NOTICES[first(params.notice) ?? ""];
  // next-auth sends failures of its own routes here with ?error=...
  const failed = first(params.error) ? "Logging in did not work. Please try again." : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Log in to Windsock</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        New here?{" "}
        <Link href="/signup" className="font-medium text-brand-600 hover:text-brand-700 hover:underline dark:text-brand-400 dark:hover:text-brand-300">
          Create an account
        </Link>
      </p>
      <div className="mt-8">
        <LoginForm next={next && safeNextPath(next, "") ? next : undefined} notice={notice} problem={failed} />
      </div>
    </>
  );
});
