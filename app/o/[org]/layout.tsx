// The authenticated shell for everything inside one organization. It gates on entering
// the organization (every member may), then shows only what the caller's groups reach.
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { loadShellNavigation } from "@/lib/server/services/tenancy/load-shell-navigation";
import { AppShell } from "@/app/_components/app-shell";

type Props = { children: React.ReactNode; params: Promise<{ org: string }> };

export default async function OrganizationLayout({ children, params }: Props) {
  const { org } = await params;
  const access = await pageAccess("organization.view", { orgSlug: org });
  const nav = await loadShellNavigation(access);
  const user = access.principal.kind === "user" ? access.principal : { name: access.principal.name, email: "" };
  return (
    <AppShell
      user={{ name: user.name, email: user.email }}
      navigation={{
        organizations: nav.organizations,
        workspaces: nav.workspaces,
        canCreateWorkspace: roleAtLeast(nav.organizationRole, "admin"),
      }}
    >
      {children}
    </AppShell>
  );
}
