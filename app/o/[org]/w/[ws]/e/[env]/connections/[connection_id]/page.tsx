// One connection. Editors edit it (secrets write-only), test it on a worker, export its
// URI without secrets and delete it; viewers see its fields and which secrets are set.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { roleAtLeast } from "@/lib/domain/authz";
import { CONNECTION_TYPES, type ConnType } from "@/lib/domain/connections";
import { pageAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { getConnection } from "@/lib/server/services/connections/get-connection";
import { PageHeader, Section } from "@/app/_components/page-header";
import { deleteConnectionAction } from "../actions";
import { LockIcon, TypeBadge } from "../_components/badges";
import { ConnectionForm } from "../_components/connection-form";
import { CopyField } from "../_components/copy-field";
import { DeleteButton } from "../_components/delete-button";
import { TestConnectionPanel } from "../_components/test-connection-panel";
import { routeParam, routeParamText } from "@/app/_lib/route-param";

type Props = { params: Promise<{ org: string; ws: string; env: string; connection_id: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: routeParamText((await params).connection_id) };
}

export default async function ConnectionPage({ params, searchParams }: Props) {
  const { org, ws, env, connection_id } = await params;
  const { saved } = await searchParams;
  const access = await pageAccess("connection.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  const base = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/connections`;
  const id = routeParam(connection_id);
  let c;
  try {
    c = await getConnection(access, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const canEdit = roleAtLeast(access.role, "editor");
  const connType = c.conn_type as ConnType;
  const spec = CONNECTION_TYPES[connType];
  const values = Object.fromEntries(spec.fields.filter((f) => !f.secret).map((f) => [f.name, c[f.name]]));
  const deleteAction = deleteConnectionAction.bind(null, scope, c.connection_id);

  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader
        eyebrow={
          <Link href={base} className="text-sm text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200">
            ← Connections
          </Link>
        }
        title={c.connection_id}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <TypeBadge connType={connType} />
            {c.description ? <span>{c.description}</span> : null}
          </span>
        }
      />
      {saved ? (
        <p role="status" className="mt-6 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200">
          {saved === "imported" ? "Imported." : "Added."} Its secrets are encrypted and will not be shown again. Test it to check that a worker can reach it.
        </p>
      ) : null}
      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          {canEdit ? (
            <Section title="Settings" description="Leave a secret field blank to keep its stored value.">
              <ConnectionForm
                scope={scope}
                mode="edit"
                initial={{ connection_id: c.connection_id, conn_type: connType, description: c.description, values, extra: c.extra, secrets_set: c.secrets_set }}
              />
            </Section>
          ) : (
            <Section title="Settings" description="Only editors can change connections; secret values are never shown to anyone.">
              <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
                {spec.fields.map((f) => (
                  <div key={f.name}>
                    <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{f.label}</dt>
                    <dd className="mt-1 break-words text-sm text-slate-900 dark:text-slate-100">
                      {f.secret ? (
                        c.secrets_set.includes(f.name) ? (
                          <span className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                            <LockIcon /> Set
                          </span>
                        ) : (
                          <span className="text-slate-400 dark:text-slate-500">Not set</span>
                        )
                      ) : values[f.name] === null || values[f.name] === undefined ? (
                        <span className="text-slate-400 dark:text-slate-500">—</span>
                      ) : (
                        <span className="font-mono text-[13px]">{String(values[f.name])}</span>
                      )}
                    </dd>
                  </div>
                ))}
                <div className="sm:col-span-2">
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Extra</dt>
                  <dd className="mt-1">
                    {c.extra ? <pre className="overflow-x-auto rounded-lg bg-slate-50 p-3 font-mono text-[13px] text-slate-800 dark:bg-slate-900 dark:text-slate-200">{JSON.stringify(c.extra, null, 2)}</pre> : <span className="text-sm text-slate-400 dark:text-slate-500">—</span>}
                    {c.secrets_set.some((s) => s.startsWith("extra.")) ? (
                      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                        Secret keys set: {c.secrets_set.filter((s) => s.startsWith("extra.")).map((s) => s.slice(6)).join(", ")}
                      </p>
                    ) : null}
                  </dd>
                </div>
              </dl>
            </Section>
          )}
        </div>
        <aside className="min-w-0 space-y-6">
          <Section title="Test connection" description={canEdit ? undefined : "Editors can test connections."}>
            {canEdit ? <TestConnectionPanel scope={scope} connectionId={c.connection_id} connType={connType} /> : <p className="text-sm text-slate-500 dark:text-slate-400">Ask an editor of {scope.envSlug} to test it.</p>}
          </Section>
          <Section title="Use it">
            <div className="space-y-4">
              <CopyField label="Airflow URI (no secrets)" value={c.uri} />
              <CopyField label="In a template" value={`{{ conn.${c.connection_id}.host }}`} />
              <p className="text-xs text-slate-500 dark:text-slate-400">
                Secrets in the URI are left out; they are masked as <code className="font-mono">***</code> in task logs. Secrets set: {c.secrets_set.length ? c.secrets_set.join(", ") : "none"}.
              </p>
            </div>
          </Section>
          {canEdit ? (
            <Section title="Delete">
              <DeleteButton what={c.connection_id} consequence={`Tasks in ${scope.envSlug} that use conn.${c.connection_id} will fail.`} onDelete={deleteAction} />
            </Section>
          ) : null}
        </aside>
      </div>
    </main>
  );
}
