import type { Metadata } from "next";
import Link from "next/link";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listOrganizationWorkspaces } from "@/lib/server/services/tenancy/list-organization-workspaces";
import { EnvBadge } from "@/app/_components/env-badge";
import { Section } from "@/app/_components/page-header";
import { CreateWorkspaceForm } from "./create-workspace-form";

export const metadata: Metadata = { title: "Workspaces" };

type Props = { params: Promise<{ org: string }> };

export default async function WorkspacesPage({ params }: Props) {
  const { org } = await params;
  const access = await pageAccess("organization.read", { orgSlug: org });
  const workspaces = await listOrganizationWorkspaces(access);
  const slug = access.organization.slug;
  return (
    <>
      <Section id="workspaces" title="Workspaces" description="A workspace is a team's space. Each has its own environments, DAGs, connections and access.">
        <ul className="-mx-5 divide-y divide-slate-200 border-y border-slate-200 sm:-mx-6 dark:divide-slate-800 dark:border-slate-800">
          {workspaces.map((ws) => (
            <li key={ws.id} className="flex flex-col gap-2 px-5 py-3.5 sm:flex-row sm:items-center sm:justify-between sm:px-6">
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900 dark:text-white">{ws.name}</p>
                <p className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{ws.slug}</p>
              </div>
              <div className="flex flex-wrap items-center gap-1.5">
                {ws.environments.map((env) => (
                  <Link
                    key={env.id}
                    href={`/o/${slug}/w/${ws.slug}/e/${env.slug}/dags`}
                    aria-label={`${ws.name} ${env.slug}`}
                    className="rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
                  >
                    <EnvBadge slug={env.slug} />
                  </Link>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </Section>
      {roleAtLeast(access.role, "admin") ? (
        <Section id="create" title="Create workspace" description="It gets dev, stg and prd environments. Everyone with a role on the whole organization can use it at once.">
          <CreateWorkspaceForm orgSlug={slug} />
        </Section>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">Only admins and owners of the organization can create workspaces.</p>
      )}
    </>
  );
}
