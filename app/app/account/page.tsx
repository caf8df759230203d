// Account settings: profile and password. Not tied to an organization, so the top bar
// offers only the organization switcher.
import type { Metadata } from "next";
import { pageAccess } from "@/lib/server/authz";
import { listMyOrganizations } from "@/lib/server/services/tenancy/list-my-organizations";
import { ChangePasswordForm } from "@/app/(auth)/_components/change-password-form";
import { AppShell } from "@/app/_components/app-shell";
import { Section } from "@/app/_components/page-header";
import { ActionButton } from "@/app/o/[org]/settings/_people/action-button";
import { leaveOrganizationAction } from "@/app/o/[org]/settings/people-actions";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountPage() {
  const access = await pageAccess("account.read", undefined);
  if (access.principal.kind !== "user") return null;
  const organizations = await listMyOrganizations(access);
  const { name, email } = access.principal;
  return (
    <AppShell user={{ name, email }} navigation={{ organizations, workspaces: [], canCreateWorkspace: false }}>
      <main className="mx-auto w-full max-w-3xl space-y-6 px-4 py-8 sm:px-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Account settings</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Your profile and password, for every organization you belong to.</p>
        </div>
        <Section id="profile" title="Profile" description="Your name is shown to members of your organizations and in audit logs.">
          <ProfileForm name={name} email={email} />
        </Section>
        <Section id="password" title="Password" description="Changing it logs out every other session of your account.">
          <ChangePasswordForm />
        </Section>
        <Section id="organizations" title="Organizations" description="Where you are a member. Leaving takes away every role your groups there gave you; the last owner cannot leave.">
          <ul className="-mx-5 divide-y divide-slate-200 border-y border-slate-200 sm:-mx-6 dark:divide-slate-800 dark:border-slate-800">
            {organizations.map((o) => (
              <li key={o.id} className="flex items-center justify-between gap-3 px-5 py-3 sm:px-6">
                <a href={`/o/${o.slug}`} className="truncate text-sm font-medium text-slate-900 hover:underline dark:text-white">
                  {o.name}
                </a>
                <ActionButton
                  action={leaveOrganizationAction.bind(null, o.slug)}
                  label="Leave"
                  pendingLabel="Leaving…"
                  confirmLabel="Leave organization"
                  confirmText={`You lose access to ${o.name}.`}
                  variant="danger"
                  accessibleName={`Leave ${o.name}`}
                />
              </li>
            ))}
          </ul>
        </Section>
      </main>
    </AppShell>
  );
}
