// API tokens of one environment, for its admins: who can call the REST API here, with
// which role, until when, and when each was last used. Created tokens show their secret
// once; revoking one refuses its very next request.
import type { Metadata } from "next";
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_EXPIRY_CHOICES, API_TOKEN_ROLES, ROLE_LABELS, roleAtLeast, type ApiTokenStatus } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listApiTokens } from "@/lib/server/services/tokens/list-api-tokens";
import { PageHeader, Section } from "@/app/_components/page-header";
import { ActionButton } from "@/app/o/[org]/settings/_people/action-button";
import { revokeApiTokenAction } from "./actions";
import { CreateTokenForm } from "./create-token-form";

export const metadata: Metadata = { title: "API tokens" };

type Props = { params: Promise<{ org: string; ws: string; env: string }> };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

const STATUS_STYLE: Record<ApiTokenStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20",
  expired: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20",
  revoked: "bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-400/20",
};

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
          <div className="relative -mx-5 overflow-x-auto sm:-mx-6">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">API tokens of {where}</caption>
              <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">Name</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Role</th>
                  <th scope="col" className="hidden px-3 py-2.5 font-medium md:table-cell">Environment</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Token</th>
                  <th scope="col" className="hidden px-3 py-2.5 font-medium lg:table-cell">Created</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Expires</th>
                  <th scope="col" className="hidden px-3 py-2.5 font-medium md:table-cell">Last used</th>
                  <th scope="col" className="px-5 py-2.5 text-right font-medium sm:px-6"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {tokens.map((t) => (
                  <tr key={t.id} className={t.status === "active" ? undefined : "text-slate-500 dark:text-slate-500"}>
                    <td className="px-5 py-3 sm:px-6">
                      <p className="font-medium text-slate-900 dark:text-white">{t.name}</p>
                      <span className={`mt-1 inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[t.status]}`}>{t.status}</span>
                    </td>
                    <td className="px-3 py-3 text-slate-700 dark:text-slate-300">{t.role}</td>
                    <td className="hidden px-3 py-3 text-slate-700 md:table-cell dark:text-slate-300">{access.environment.slug}</td>
                    <td className="px-3 py-3">
                      <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200">{t.prefix}…</code>
                    </td>
                    <td className="hidden whitespace-nowrap px-3 py-3 lg:table-cell">
                      {day.format(t.createdAt)}
                      {t.createdBy ? <span className="block text-xs text-slate-500 dark:text-slate-400">by {t.createdBy.name}</span> : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-3">{t.expiresAt ? day.format(t.expiresAt) : "Never"}</td>
                    <td className="hidden whitespace-nowrap px-3 py-3 md:table-cell">
                      {t.lastUsedAt ? (
                        <>
                          {when.format(t.lastUsedAt)} UTC
                          {t.lastUsedIp ? <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{t.lastUsedIp}</span> : null}
                        </>
                      ) : (
                        "Never"
                      )}
                    </td>
                    <td className="px-5 py-3 sm:px-6">
                      <div className="flex justify-end">
                        {t.status !== "revoked" && canCreate ? (
                          <ActionButton
                            action={revokeApiTokenAction.bind(null, scope, t.id)}
                            label="Revoke"
                            pendingLabel="Revoking…"
                            confirmLabel="Revoke now"
                            confirmText="Its next request is refused."
                            variant="danger"
                            accessibleName={`Revoke token ${t.name}`}
                          />
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </main>
  );
}
