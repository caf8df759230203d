// /o/<org>/w/<workspace>: to the workspace's first environment the caller can see.
import { notFound, redirect } from "next/navigation";
import { pageAccess } from "@/lib/server/authz";
import { loadShellNavigation } from "@/lib/server/services/tenancy/load-shell-navigation";

type Props = { params: Promise<{ org: string; ws: string }> };

export default async function WorkspaceHome({ params }: Props) {
  const { org, ws } = await params;
  const access = await pageAccess("organization.view", { orgSlug: org });
  const workspace = (await loadShellNavigation(access)).workspaces.find((w) => w.slug === ws);
  const env = workspace?.environments[0];
  if (!workspace || !env) notFound();
  redirect(`/o/${org}/w/${workspace.slug}/e/${env.slug}/dags`);
}
