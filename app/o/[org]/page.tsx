// /o/<org>: straight to the first environment the caller can see, or say why there is none.
import { redirect } from "next/navigation";
import { pageAccess } from "@/lib/server/authz";
import { loadShellNavigation } from "@/lib/server/services/tenancy/load-shell-navigation";
import { ButtonLink } from "@/app/_components/button";

type Props = { params: Promise<{ org: string }> };

export default async function OrganizationHome({ params }: Props) {
  const { org } = await params;
  const access = await pageAccess("organization.view", { orgSlug: org });
  const nav = await loadShellNavigation(access);
  const ws = nav.workspaces.find((w) => w.environments.length > 0);
  if (ws) redirect(`/o/${org}/w/${ws.slug}/e/${ws.environments[0]!.slug}/dags`);
  return (
    <main className="mx-auto w-full max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">No environment for you yet in {access.organization.name}</h1>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        You are a member, but none of your groups has a role on a workspace or environment. Ask an admin of the organization to add you to a
        group.
      </p>
      {nav.organizationRole ? (
        <ButtonLink href={`/o/${org}/settings/workspaces`} variant="secondary" className="mt-8">
          Organization settings
        </ButtonLink>
      ) : null}
    </main>
  );
}
