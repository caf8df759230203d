// API tokens of one environment, for its admins: who can call the REST API here, with
// which role, until when, and when each was last used. Created tokens show their secret
// once; revoking one refuses its very next request.
import type { Metadata } from "next";
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_EXPIRY_CHOICES, API_TOKEN_ROLES, ROLE_LABELS, roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listApiTokens } from "@/lib/server/services/tokens/list-api-tokens";
import { PageHeader, Section } from "@/app/_components/page-header";
import { CreateTokenForm } from "./create-token-form";
import { TokensTable } from "./tokens-table";

export const metadata: Metadata = { title: "API tokens" };

type Props = { params: Promise<{ org: string; ws: string; env: string }> };

export default async function TokensPage({ params }: Props) {
  const { org, ws, env } = await params;
  const access = await pageAccess("api_token.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const tokens = await listApiTokens(access);
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  const canCreate = access.principal.kind === "user" && roleAtLeast(access.role, "admin");
  const roles = API_TOKEN_ROLES.filter((r) => roleAtLeast(access.role, r)).map((r) => ({ value: r, label: ROLE_LABELS[r].label }));
  const expiries = API_TOKEN_EXPIRY_CHOICES.map((d) => ({ value: String(d), label: d === 365 ? "1 year" : `${d} days` }));
  const where = `${access.workspace.name} / ${access.environment.slug}`;

  return (
    <main className="mx-auto w-full max-w-6xl space-y-8 px-4 py-8 sm:px-6">
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let scripts, CI and the <code className="font-mono text-[13px]">windsock</code> CLI call the REST API in {where}. Each token works in this
            environment only, with the role chosen here; send it as <code className="font-mono text-[13px]">Authorization: Bearer wsk_…</code>.
          </>
        }
      />

      {canCreate ? (
        <Section id="new-token" title="Create a token" description="You can give a token any role up to your own. It stops working when it expires or is revoked.">
          <CreateTokenForm scope={scope} environmentId={access.environment.id} roles={roles} expiries={expiries} defaultExpiry={String(API_TOKEN_DEFAULT_DAYS)} />
        </Section>
      ) : null}

      <Section
        id="tokens"
        title={`Tokens in ${access.environment.slug}`}
        footer={<span>{tokens.length === 1 ? "1 token" : `${tokens.length} tokens`} · last use is recorded at most once a minute</span>}
      >
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No tokens yet. Create one above to call the API from a script or CI.</p>
        ) : (
          <TokensTable
            caption={`API tokens of ${where}`}
            tokens={tokens.map((t) => ({ ...t, place: { scope, label: access.environment.slug } }))}
            canRevoke={canCreate}
          />
        )}
      </Section>
    </main>
  );
}
