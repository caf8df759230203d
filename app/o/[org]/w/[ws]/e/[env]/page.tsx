import { redirect } from "next/navigation";
import { pageAccess } from "@/lib/server/authz";

type Props = { params: Promise<{ org: string; ws: string; env: string }> };

export default async function EnvironmentHome({ params }: Props) {
  const { org, ws, env } = await params;
  const access = await pageAccess("environment.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  redirect(`/o/${access.organization.slug}/w/${access.workspace.slug}/e/${access.environment.slug}/dags`);
}
