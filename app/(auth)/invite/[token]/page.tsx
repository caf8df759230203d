// An invitation link. It says at once whether the link still works (expired, used and
// revoked links get their own clear answer); single use is still enforced on submit.
// Signed in with the invited address: one button joins. Not signed in: sign up right
// here (the email is the invited one), or log in first when the address has an account.
import type { Metadata } from "next";
import Link from "next/link";
import { currentSession } from "@/lib/server/auth/current-session";
import { PASSWORD_MIN_LENGTH } from "@/lib/server/auth/passwords";
import { publicRoute } from "@/lib/server/authz/public-route";
import { findInvitation, type InvitationLookup } from "@/lib/server/services/access/find-invitation";
import { LogOutButton } from "../../_components/log-out-button";
import { AcceptInvitationForm, InvitationSignUpForm } from "./invite-forms";
import { routeParam } from "@/app/_lib/route-param";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ token: string }> };

const DEAD: Record<string, { title: string; body: string }> = {
  unknown: { title: "This invitation link does not work", body: "The link is incomplete or was never valid. Copy the whole link from the mail, or ask the person who invited you to send a new one." },
  expired: { title: "This invitation has expired", body: "Invitation links work for 7 days. Ask an admin of the organization to invite you again." },
  accepted: { title: "This invitation was already used", body: "Each invitation link works once. If it was you, log in to reach the organization." },
  revoked: { title: "This invitation was withdrawn", body: "An admin revoked it, or sent a newer invitation to the same address. Use the newest mail, or ask for a new invitation." },
};

const link = "font-medium text-brand-600 hover:text-brand-700 hover:underline dark:text-brand-400 dark:hover:text-brand-300";

export default publicRoute("auth: invitation page (the link's token is the credential)", async function InvitationPage({ params }: Props) {
  const { token: raw } = await params;
  const token = routeParam(raw);
  const found: InvitationLookup = /^[A-Za-z0-9_-]{20,200}$/.test(token) ? await findInvitation(token) : ({ state: "unknown" } as const);

  if (found.state !== "usable") {
    const dead = DEAD[found.state]!;
    return (
      <>
        <p className="font-mono text-sm font-semibold text-brand-600 dark:text-brand-400">Invitation</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{dead.title}</h1>
        <p className="mt-3 text-sm leading-6 text-slate-600 dark:text-slate-400">
          {found.organizationName ? <>For {found.organizationName}. </> : null}
          {dead.body}
        </p>
        <p className="mt-8 text-sm">
          <Link href="/login" className={link}>
            Log in
          </Link>
          <span className="text-slate-400"> · </span>
          <Link href="/" className={link}>
            Windsock home
          </Link>
        </p>
      </>
    );
  }

  const { invitation } = found;
  const me = await currentSession();
  const hasAccount = found.accountExists;
  const here = `/invite/${encodeURIComponent(token)}`;
  return (
    <>
      <p className="font-mono text-sm font-semibold text-brand-600 dark:text-brand-400">Invitation</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Join {invitation.organization.name} on Windsock</h1>
      <p className="mt-3 text-sm leading-6 text-slate-600 dark:text-slate-400">
        {invitation.invitedBy ?? "An admin"} invited you (<span className="font-medium text-slate-900 dark:text-slate-100">{invitation.email}</span>) into{" "}
        {invitation.groups.length === 1 ? "the group " : "the groups "}
        <span className="font-medium text-slate-900 dark:text-slate-100">{invitation.groups.join(", ") || "(none left)"}</span>.
      </p>
      <div className="mt-8">
        {me && me.email === invitation.email ? (
          <AcceptInvitationForm token={token} organizationName={invitation.organization.name} />
        ) : me ? (
          <div className="space-y-4 text-sm text-slate-600 dark:text-slate-400">
            <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-3.5 py-3 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
              You are signed in as {me.email}, but this invitation is for {invitation.email}. Log out, then open the link again.
            </p>
            <LogOutButton className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800">
              Log out
            </LogOutButton>
          </div>
        ) : hasAccount ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {invitation.email} already has a Windsock account.{" "}
            <Link href={`/login?next=${encodeURIComponent(here)}`} className={link}>
              Log in to accept
            </Link>
            .
          </p>
        ) : (
          <InvitationSignUpForm token={token} email={invitation.email} minPasswordLength={PASSWORD_MIN_LENGTH} />
        )}
      </div>
      <p className="mt-6 text-xs text-slate-500 dark:text-slate-400">
        This link works once and expires on {invitation.expiresAt.toUTCString().replace(" GMT", " UTC")}.
      </p>
    </>
  );
});
