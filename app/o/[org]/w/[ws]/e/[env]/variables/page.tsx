// The variables of one environment: key, value (a secret one is masked, as Airflow shows
// it), description. Editors add them here and edit or delete them on their own page.
import type { Metadata } from "next";
import Link from "next/link";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listVariables } from "@/lib/server/services/variables/list-variables";
import { DeletedNotice } from "@/app/_components/deleted-notice";
import { PageHeader, Section } from "@/app/_components/page-header";
import { VariableForm } from "./_components/variable-form";

export const metadata: Metadata = { title: "Variables" };

type Props = { params: Promise<{ org: string; ws: string; env: string }>; searchParams: Promise<{ deleted?: string }> };

export default async function VariablesPage({ params, searchParams }: Props) {
  const { org, ws, env } = await params;
  const { deleted } = await searchParams;
  const access = await pageAccess("variable.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  const base = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/variables`;
  const canEdit = roleAtLeast(access.role, "editor");
  const { variables, total_entries } = await listVariables(access, { limit: 1000, offset: 0 });

  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader
        title="Variables"
        description={
          <>
            Settings your tasks read in {scope.envSlug} as <code className="font-mono text-[13px]">{"{{ var.value.<key> }}"}</code>, <code className="font-mono text-[13px]">{"{{ var.json.<key>.field }}"}</code> or{" "}
            <code className="font-mono text-[13px]">ctx.var(&quot;&lt;key&gt;&quot;)</code>.
          </>
        }
      />
      <DeletedNotice name={deleted} />
      <div className={`mt-6 grid gap-6 ${canEdit ? "lg:grid-cols-[minmax(0,1fr)_24rem]" : ""}`}>
        <div className="min-w-0">
          {total_entries === 0 ? (
            <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900/40">
              <h2 className="text-base font-semibold text-slate-900 dark:text-white">No variables in {scope.envSlug} yet</h2>
              <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
                Variables keep values out of DAG files: bucket names, thresholds, API keys. A key with a word like password, secret, token or api_key is secret automatically.
              </p>
              {canEdit ? null : <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">Editors of this environment can add variables.</p>}
            </div>
          ) : (
            <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
              <table className="w-full table-fixed text-left text-sm">
                <caption className="sr-only">Variables in {scope.envSlug}</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="w-2/5 px-4 py-2.5 font-medium">
                      Key
                    </th>
                    <th scope="col" className="px-4 py-2.5 font-medium">
                      Value
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {variables.map((v) => (
                    <tr key={v.key} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                      <td className="px-4 py-3 align-top">
                        {canEdit ? (
                          <Link href={`${base}/${encodeURIComponent(v.key)}`} className="break-all font-mono font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300">
                            {v.key}
                          </Link>
                        ) : (
                          <span className="break-all font-mono font-medium text-slate-900 dark:text-slate-100">{v.key}</span>
                        )}
                        {v.description ? <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{v.description}</p> : null}
                      </td>
                      <td className="px-4 py-3 align-top">
                        {v.is_secret ? (
                          <span className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300" title="Secret: write-only">
                            <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="h-3 w-3">
                              <path fillRule="evenodd" d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1.5 1.5 0 0 0-1.5 1.5v5A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-5A1.5 1.5 0 0 0 12 7h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 6V4.5a2 2 0 1 0-4 0V7h4Z" clipRule="evenodd" />
                            </svg>
                            *** <span className="sr-only">(secret, set)</span>
                          </span>
                        ) : (
                          <code className="line-clamp-2 break-all font-mono text-[13px] text-slate-700 dark:text-slate-200">{v.value}</code>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {canEdit ? (
          <aside className="min-w-0">
            <Section title="Add variable">
              <VariableForm scope={scope} />
            </Section>
          </aside>
        ) : null}
      </div>
      <p className="mt-6 text-xs text-slate-500 dark:text-slate-400">
        REST API: <code className="break-all font-mono">/api/v1/environments/{access.environment.id}/variables</code>. A secret value reads as <code className="font-mono">***</code>, as in Airflow.
      </p>
    </main>
  );
}
