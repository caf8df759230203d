// The connections of one environment: id, type, where it points, which secrets are set
// (never their values). Editors add, edit, test and delete; viewers only look.
import type { Metadata } from "next";
import Link from "next/link";
import { roleAtLeast } from "@/lib/domain/authz";
import type { ConnType } from "@/lib/domain/connections";
import { pageAccess } from "@/lib/server/authz";
import { listConnections } from "@/lib/server/services/connections/list-connections";
import type { ConnectionView } from "@/lib/server/services/connections/connection-store";
import { ButtonLink } from "@/app/_components/button";
import { DeletedNotice } from "@/app/_components/deleted-notice";
import { PageHeader } from "@/app/_components/page-header";
import { SecretPills, TypeBadge } from "./_components/badges";

export const metadata: Metadata = { title: "Connections" };

type Props = { params: Promise<{ org: string; ws: string; env: string }>; searchParams: Promise<{ deleted?: string }> };

export default async function ConnectionsPage({ params, searchParams }: Props) {
  const { org, ws, env } = await params;
  const { deleted } = await searchParams;
  const access = await pageAccess("connection.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const base = `/o/${access.organization.slug}/w/${access.workspace.slug}/e/${access.environment.slug}/connections`;
  const canEdit = roleAtLeast(access.role, "editor");
  const { connections, total_entries } = await listConnections(access, { limit: 1000, offset: 0 });
  const addButton = canEdit ? (
    <ButtonLink href={`${base}/new`}>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
        <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
      </svg>
      Add connection
    </ButtonLink>
  ) : null;

  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader
        title="Connections"
        description={
          <>
            Credentials and addresses your tasks use in {access.environment.slug}, as <code className="font-mono text-[13px]">{"{{ conn.<id>.host }}"}</code> or{" "}
            <code className="font-mono text-[13px]">ctx.conn(&quot;&lt;id&gt;&quot;)</code>. Secrets are encrypted and write-only.
          </>
        }
        actions={total_entries ? addButton : null}
      />
      <DeletedNotice name={deleted} />
      {total_entries === 0 ? (
        <EmptyState canEdit={canEdit} base={base} env={access.environment.slug} />
      ) : (
        <div className="mt-6 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Connections in {access.environment.slug}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Connection id
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Type
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">
                  Target
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium sm:table-cell">
                  Secrets
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {connections.map((c) => (
                <tr key={c.connection_id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                  <td className="px-4 py-3 align-top">
                    <Link href={`${base}/${encodeURIComponent(c.connection_id)}`} className="font-mono font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300">
                      {c.connection_id}
                    </Link>
                    {c.description ? <p className="mt-0.5 line-clamp-1 text-xs text-slate-500 dark:text-slate-400">{c.description}</p> : null}
                  </td>
                  <td className="px-4 py-3 align-top">
                    <TypeBadge connType={c.conn_type as ConnType} />
                  </td>
                  <td className="hidden max-w-xs truncate px-4 py-3 align-top font-mono text-[13px] text-slate-600 md:table-cell dark:text-slate-300">{targetOf(c)}</td>
                  <td className="hidden px-4 py-3 align-top sm:table-cell">
                    <SecretPills secrets={c.secrets_set} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-6 text-xs text-slate-500 dark:text-slate-400">
        REST API: <code className="break-all font-mono">/api/v1/environments/{access.environment.id}/connections</code> (see docs/connections.md). Secret values are never returned, only{" "}
        <code className="font-mono">secrets_set</code>.
      </p>
    </main>
  );
}

/** Where a connection points, in one line, without secrets. */
function targetOf(c: ConnectionView): string {
  if (typeof c.base_url === "string") return c.base_url;
  if (typeof c.host === "string") return `${c.login ? `${String(c.login)}@` : ""}${c.host}${c.port ? `:${String(c.port)}` : ""}${c.schema ? `/${String(c.schema)}` : ""}`;
  if (c.conn_type === "slack") return "hooks.slack.com (URL is secret)";
  if (typeof c.region_name === "string") return c.region_name;
  if (typeof c.project === "string") return c.project;
  return "—";
}

function EmptyState({ canEdit, base, env }: { canEdit: boolean; base: string; env: string }) {
  return (
    <div className="mt-8 rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900/40">
      <div className="mx-auto grid h-11 w-11 place-items-center rounded-xl bg-brand-50 text-brand-600 ring-1 ring-brand-600/10 dark:bg-brand-500/10 dark:text-brand-300 dark:ring-brand-400/20">
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-6 w-6">
          <path d="M9 3v5M15 3v5M6 8h12v4a6 6 0 0 1-12 0V8ZM12 18v3" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </div>
      <h2 className="mt-4 text-base font-semibold text-slate-900 dark:text-white">No connections in {env} yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
        Add a database (PostgreSQL, MySQL), an HTTP API, SMTP, a Slack webhook or cloud credentials, or import an Airflow connection URI. Each environment has its own, so dev never uses production
        credentials.
      </p>
      {canEdit ? (
        <div className="mt-5">
          <ButtonLink href={`${base}/new`}>Add connection</ButtonLink>
        </div>
      ) : (
        <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">Editors of this environment can add connections.</p>
      )}
    </div>
  );
}
