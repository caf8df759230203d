import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { loadEffectiveAccess, type AccessLine } from "@/lib/server/services/access/load-effective-access";
import { EnvBadge } from "@/app/_components/env-badge";
import { Section } from "@/app/_components/page-header";
import { RoleBadge } from "../../_people/role-badge";

export const metadata: Metadata = { title: "Effective access" };

type Props = { params: Promise<{ org: string; member: string }> };

const LEVEL_WORD = { organization: "the organization", workspace: "the workspace", environment: "this environment" } as const;

function Sources({ line, slug }: { line: AccessLine; slug: string }) {
  if (!line.role) return <span className="text-xs text-slate-400 dark:text-slate-500">No group gives access here</span>;
  return (
    <span className="flex flex-wrap gap-x-2 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
      {line.sources.map((s) => (
        <span key={`${s.groupId}-${s.bindingScope}`}>
          via{" "}
          <Link href={`/o/${slug}/settings/groups/${s.groupId}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
            {s.groupName}
          </Link>{" "}
          on {LEVEL_WORD[s.bindingScope]}
        </span>
      ))}
    </span>
  );
}

export default async function EffectiveAccessPage({ params }: Props) {
  const { org, member } = await params;
  const access = await pageAccess("member.read", { orgSlug: org });
  const view = await loadEffectiveAccess(access, member).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const slug = access.organization.slug;
  return (
    <>
      <div>
        <Link href={`/o/${slug}/settings/members`} className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-400">
          ← All members
        </Link>
        <h2 className="mt-2 text-xl font-semibold tracking-tight text-slate-900 dark:text-white">Effective access of {view.member.name}</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {view.member.email} · in {view.member.groups.length ? view.member.groups.map((g) => g.name).join(", ") : "no group"}. The role shown is the highest binding that
          applies; a binding on a wider scope applies below it.
        </p>
      </div>
      <Section id="access" title="Access by scope" description={<Link href={`/o/${slug}/settings/roles`} className="text-brand-700 hover:underline dark:text-brand-300">What each role may do →</Link>}>
        <div className="relative -mx-5 overflow-x-auto sm:-mx-6">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Role of {view.member.name} in each workspace and environment, and the group binding that gives it</caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">
                  Scope
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Role
                </th>
                <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">
                  Given by
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              <tr className="bg-slate-50/50 dark:bg-slate-900/40">
                <th scope="row" className="px-5 py-3 font-semibold text-slate-900 sm:px-6 dark:text-white">
                  Whole organization
                </th>
                <td className="px-3 py-3">
                  <RoleBadge role={view.organization.role} />
                </td>
                <td className="px-5 py-3 sm:px-6">
                  <Sources line={view.organization} slug={slug} />
                </td>
              </tr>
              {view.workspaces.map((ws) => [
                <tr key={ws.id}>
                  <th scope="row" className="px-5 py-3 font-medium text-slate-900 sm:px-6 dark:text-white">
                    {ws.name} <span className="font-normal text-slate-500">(workspace)</span>
                  </th>
                  <td className="px-3 py-3">
                    <RoleBadge role={ws.line.role} />
                  </td>
                  <td className="px-5 py-3 sm:px-6">
                    <Sources line={ws.line} slug={slug} />
                  </td>
                </tr>,
                ...ws.environments.map((env) => (
                  <tr key={`${ws.id}-${env.envSlug}`} data-env={env.envSlug}>
                    <th scope="row" className="py-2.5 pl-10 pr-3 font-normal text-slate-700 sm:pl-12 dark:text-slate-300">
                      <span className="sr-only">{ws.name} </span>
                      <EnvBadge slug={env.envSlug ?? ""} />
                    </th>
                    <td className="px-3 py-2.5">
                      <RoleBadge role={env.role} />
                    </td>
                    <td className="px-5 py-2.5 sm:px-6">
                      <Sources line={env} slug={slug} />
                    </td>
                  </tr>
                )),
              ])}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}
