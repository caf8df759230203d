// Every API token of the organization that the caller may manage (the environments where
// they are admin), in one list: what can call the API, with which role, from where, until
// when. Tokens are created on each environment's API tokens tab.
import type { Metadata } from "next";
import { pageAccess } from "@/lib/server/authz";
import { listOrganizationApiTokens } from "@/lib/server/services/tokens/list-organization-api-tokens";
import { Section } from "@/app/_components/page-header";
import { TokensTable } from "@/app/o/[org]/w/[ws]/e/[env]/tokens/tokens-table";

export const metadata: Metadata = { title: "API tokens" };

type Props = { params: Promise<{ org: string }> };

export default async function OrganizationTokensPage({ params }: Props) {
  const { org } = await params;
  // Any member may open it; the list holds only environments where they are admin.
  const access = await pageAccess("organization.view", { orgSlug: org });
  const { tokens, administeredEnvironments } = await listOrganizationApiTokens(access);
  const orgSlug = access.organization.slug;
  const active = tokens.filter((t) => t.status === "active").length;
  const rows = tokens.map((t) => {
    const scope = { orgSlug, workspaceSlug: t.workspace.slug, envSlug: t.environment.slug };
    return { ...t, place: { scope, label: `${t.workspace.name} / ${t.environment.slug}`, href: `/o/${orgSlug}/w/${t.workspace.slug}/e/${t.environment.slug}/tokens` } };
  });

  return (
    <Section
      id="api-tokens"
      title="API tokens"
      description="Tokens of every environment you administer. Each works in its one environment with its one role; create them on the environment's API tokens tab."
      footer={
        <span>
          {active} active of {tokens.length} · {administeredEnvironments === 1 ? "1 environment" : `${administeredEnvironments} environments`} you administer
        </span>
      }
    >
      {administeredEnvironments === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          You are not an admin of any environment here, so you manage no tokens. Ask an admin of the organization if you need one.
        </p>
      ) : tokens.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No API tokens yet. Create one on an environment&rsquo;s API tokens tab.</p>
      ) : (
        <TokensTable caption={`API tokens of ${access.organization.name}`} tokens={rows} canRevoke={access.principal.kind === "user"} compact />
      )}
    </Section>
  );
}
