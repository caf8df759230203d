// The pools of one environment, as Airflow shows them: slots, the slots running tries hold,
// tries waiting for a slot, and what is open. Editors add pools here and resize or delete
// them on their own page; default_pool is always listed.
import type { Metadata } from "next";
import Link from "next/link";
import { roleAtLeast } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { listPools } from "@/lib/server/services/pools/list-pools";
import { DeletedNotice } from "@/app/_components/deleted-notice";
import { PageHeader, Section } from "@/app/_components/page-header";
import { PoolForm } from "./_components/pool-form";
import { UsageBar } from "./_components/usage-bar";

export const metadata: Metadata = { title: "Pools" };

type Props = { params: Promise<{ org: string; ws: string; env: string }>; searchParams: Promise<{ deleted?: string }> };

const num = "px-4 py-3 text-right align-top tabular-nums";
const head = "px-4 py-2.5 text-right font-medium";

function Count({ value, unlimited = false }: { value: number; unlimited?: boolean }) {
  if (unlimited) {
    return (
      <span title="No limit">
        ∞<span className="sr-only"> (no limit)</span>
      </span>
    );
  }
  return <span className={value < 0 ? "font-medium text-red-600 dark:text-red-400" : undefined}>{value}</span>;
}

export default async function PoolsPage({ params, searchParams }: Props) {
  const { org, ws, env } = await params;
  const { deleted } = await searchParams;
  const access = await pageAccess("pool.read", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  const base = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/pools`;
  const canEdit = roleAtLeast(access.role, "editor");
  const { pools } = await listPools(access, { limit: 1000, offset: 0 });

  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
      <PageHeader
        title="Pools"
        description={
          <>
            Limit how many tasks run at once in {scope.envSlug}: a task holds <code className="font-mono text-[13px]">pool_slots</code> slots of its <code className="font-mono text-[13px]">pool</code> while it runs, and
            waits while the pool is full.
          </>
        }
      />
      <DeletedNotice name={deleted} />
      <div className={`mt-6 grid gap-6 ${canEdit ? "lg:grid-cols-[minmax(0,1fr)_24rem]" : ""}`}>
        <div className="min-w-0">
          <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
            <table className="w-full table-fixed text-left text-sm">
              <caption className="sr-only">Pools in {scope.envSlug}</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-4 py-2.5 font-medium">
                    Pool
                  </th>
                  <th scope="col" className={`w-20 ${head}`}>
                    Slots
                  </th>
                  <th scope="col" className={`hidden w-24 sm:table-cell ${head}`}>
                    Running
                  </th>
                  <th scope="col" className={`hidden w-24 sm:table-cell ${head}`}>
                    Queued
                  </th>
                  <th scope="col" className="w-32 px-4 py-2.5 font-medium sm:w-44">
                    Open
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {pools.map((p) => {
                  const unlimited = p.slots < 0;
                  return (
                    <tr key={p.name} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                      <th scope="row" className="px-4 py-3 text-left align-top font-normal">
                        {canEdit ? (
                          <Link href={`${base}/${encodeURIComponent(p.name)}`} className="break-all font-mono font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300">
                            {p.name}
                          </Link>
                        ) : (
                          <span className="break-all font-mono font-medium text-slate-900 dark:text-slate-100">{p.name}</span>
                        )}
                        {p.description ? <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{p.description}</p> : null}
                      </th>
                      <td className={`${num} text-slate-900 dark:text-slate-100`}>
                        <Count value={p.slots} unlimited={unlimited} />
                      </td>
                      <td className={`hidden sm:table-cell ${num} text-slate-700 dark:text-slate-300`}>{p.running_slots}</td>
                      <td className={`hidden sm:table-cell ${num} text-slate-700 dark:text-slate-300`}>{p.queued_slots}</td>
                      <td className="px-4 py-3 align-top">
                        <div className="flex items-center gap-3">
                          <span className="w-8 flex-none text-right tabular-nums text-slate-900 dark:text-slate-100">
                            <Count value={p.open_slots} unlimited={unlimited} />
                          </span>
                          <UsageBar slots={p.slots} running={p.running_slots} />
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
            Running: slots held by running tries. Queued: tries waiting for a slot (they hold none). Open: slots not held; below 0 after a pool was made smaller than what runs in it.
          </p>
          {canEdit ? null : <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Editors of this environment can add, resize and delete pools.</p>}
        </div>
        {canEdit ? (
          <aside className="min-w-0">
            <Section title="Add pool">
              <PoolForm scope={scope} />
            </Section>
          </aside>
        ) : null}
      </div>
      <p className="mt-6 text-xs text-slate-500 dark:text-slate-400">
        REST API: <code className="break-all font-mono">/api/v1/environments/{access.environment.id}/pools</code>, in Airflow&apos;s shapes.
      </p>
    </main>
  );
}
