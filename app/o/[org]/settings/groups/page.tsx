import type { Metadata } from "next";
import Link from "next/link";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listGroups } from "@/lib/server/services/access/list-groups";
import { Section } from "@/app/_components/page-header";
import { CreateGroupForm } from "../_people/people-forms";
import { RoleBadge } from "../_people/role-badge";

export const metadata: Metadata = { title: "Groups" };

type Props = { params: Promise<{ org: string }> };

export default async function GroupsPage({ params }: Props) {
  const { org } = await params;
  const access = await pageAccess("group.read", { orgSlug: org });
  const groups = await listGroups(access);
  const base = `/o/${access.organization.slug}/settings/groups`;
  return (
    <>
      <Section
        id="groups"
        title="Groups"
        description="People get roles only through groups: bind a group to the organization, a workspace or one environment, then add people to it."
        footer={<span>{groups.length === 1 ? "1 group" : `${groups.length} groups`}</span>}
      >
        <ul className="-mx-5 divide-y divide-slate-200 border-y border-slate-200 sm:-mx-6 dark:divide-slate-800 dark:border-slate-800">
          {groups.map((g) => (
            <li key={g.id} className="relative flex flex-col gap-2 px-5 py-4 hover:bg-slate-50 sm:flex-row sm:items-center sm:justify-between sm:px-6 dark:hover:bg-slate-800/40">
              <div className="min-w-0">
                <p className="flex items-center gap-2 font-medium text-slate-900 dark:text-white">
                  <Link href={`${base}/${g.id}`} className="after:absolute after:inset-0 focus-visible:outline-2 focus-visible:outline-brand-500">
                    {g.name}
                  </Link>
                  {g.isOwners ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-amber-900 dark:bg-amber-400/15 dark:text-amber-300">System</span> : null}
                </p>
                <p className="truncate text-sm text-slate-500 dark:text-slate-400">
                  {g.members === 1 ? "1 member" : `${g.members} members`}
                  {g.description ? ` · ${g.description}` : ""}
                </p>
              </div>
              <ul aria-label={`Bindings of ${g.name}`} className="flex flex-wrap gap-1.5 sm:max-w-[55%] sm:justify-end">
                {g.bindings.length ? (
                  g.bindings.map((b) => (
                    <li key={b.id} className="flex items-center gap-1.5 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
                      <RoleBadge role={b.role} />
                      <span>{b.label}</span>
                    </li>
                  ))
                ) : (
                  <li className="text-xs text-slate-400">Not bound: gives no access yet</li>
                )}
              </ul>
            </li>
          ))}
        </ul>
      </Section>
      {roleAtLeast(access.role, "admin") ? (
        <Section id="create-group" title="Create a group" description="Then bind it to a scope with a role and add people.">
          <CreateGroupForm orgSlug={access.organization.slug} />
        </Section>
      ) : null}
    </>
  );
}
