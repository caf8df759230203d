import type { Metadata } from "next";
import Link from "next/link";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listOrganizationMembers } from "@/lib/server/services/tenancy/list-organization-members";
import { ButtonLink } from "@/app/_components/button";
import { Section } from "@/app/_components/page-header";
import { ActionButton } from "../_people/action-button";
import { leaveOrganizationAction, removeMemberAction } from "../people-actions";

export const metadata: Metadata = { title: "Members" };

type Props = { params: Promise<{ org: string }> };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function MembersPage({ params }: Props) {
  const { org } = await params;
  const access = await pageAccess("member.read", { orgSlug: org });
  const members = await listOrganizationMembers(access);
  const me = access.principal.kind === "user" ? access.principal.userId : null;
  const slug = access.organization.slug;
  const isAdmin = roleAtLeast(access.role, "admin");
  return (
    <>
      <Section
        id="members"
        title="Members"
        description="People in this organization and the groups that give them their roles. Open “Access” to see exactly what someone may do, and why."
        footer={
          <>
            <span>{members.length === 1 ? "1 member" : `${members.length} members`}</span>
            {isAdmin ? (
              <ButtonLink href={`/o/${slug}/settings/invitations`} variant="secondary" className="px-3 py-1.5 text-xs">
                Invite people
              </ButtonLink>
            ) : null}
          </>
        }
      >
        <div className="relative -mx-5 overflow-x-auto sm:-mx-6">
          <table className="w-full text-left text-sm">
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">
                  Name
                </th>
                <th scope="col" className="hidden px-3 py-2.5 font-medium sm:table-cell">
                  Groups
                </th>
                <th scope="col" className="hidden px-3 py-2.5 font-medium md:table-cell">
                  Joined
                </th>
                <th scope="col" className="px-5 py-2.5 text-right font-medium sm:px-6">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {members.map((m) => (
                <tr key={m.userId}>
                  <td className="w-full max-w-0 px-5 py-3 sm:w-auto sm:max-w-none sm:px-6">
                    <div className="flex items-center gap-3">
                      <span aria-hidden="true" className="grid h-8 w-8 flex-none place-items-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-100">
                        {(m.name || m.email).charAt(0).toUpperCase()}
                      </span>
                      <div className="min-w-0">
                        <p className="truncate font-medium text-slate-900 dark:text-white">
                          {m.name}
                          {m.userId === me ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
                        </p>
                        <p className="truncate text-slate-500 dark:text-slate-400">{m.email}</p>
                        <p className="mt-1 text-xs text-slate-500 sm:hidden dark:text-slate-400">{m.groups.length ? m.groups.map((g) => g.name).join(", ") : "No group: no access"}</p>
                      </div>
                    </div>
                  </td>
                  <td className="hidden px-3 py-3 sm:table-cell">
                    <div className="flex flex-wrap gap-1.5">
                      {m.groups.length ? (
                        m.groups.map((g) => (
                          <Link
                            key={g.id}
                            href={`/o/${slug}/settings/groups/${g.id}`}
                            className="rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-500/10 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700"
                          >
                            {g.name}
                          </Link>
                        ))
                      ) : (
                        <span className="text-slate-400">No group: no access</span>
                      )}
                    </div>
                  </td>
                  <td className="hidden whitespace-nowrap px-3 py-3 text-slate-500 md:table-cell dark:text-slate-400">{dateFormat.format(m.joinedAt)}</td>
                  <td className="px-5 py-3 sm:px-6">
                    <div className="flex flex-col items-end gap-1 sm:flex-row sm:items-center sm:justify-end sm:gap-2">
                      <Link
                        href={`/o/${slug}/settings/members/${m.userId}`}
                        aria-label={`Effective access of ${m.name}`}
                        className="rounded-lg px-2.5 py-1.5 text-xs font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300 dark:hover:bg-brand-500/10"
                      >
                        Access
                      </Link>
                      {m.userId === me ? (
                        <ActionButton
                          action={leaveOrganizationAction.bind(null, slug)}
                          label="Leave"
                          pendingLabel="Leaving…"
                          confirmLabel="Leave organization"
                          confirmText={`You lose access to ${access.organization.name}.`}
                          variant="danger"
                          accessibleName={`Leave ${access.organization.name}`}
                        />
                      ) : isAdmin ? (
                        <ActionButton
                          action={removeMemberAction.bind(null, slug, m.userId)}
                          label="Remove"
                          pendingLabel="Removing…"
                          confirmLabel={`Remove ${m.name}`}
                          confirmText="They are signed out everywhere at once."
                          variant="danger"
                          accessibleName={`Remove ${m.name} from the organization`}
                        />
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}
