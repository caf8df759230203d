// Resize, describe or delete one pool (editor). default_pool can be resized, never deleted.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DEFAULT_POOL_NAME } from "@/lib/domain/pool";
import { pageAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { getPool } from "@/lib/server/services/pools/get-pool";
import { PageHeader, Section } from "@/app/_components/page-header";
import { DeleteButton } from "../../connections/_components/delete-button";
import { deletePoolAction } from "../actions";
import { PoolForm } from "../_components/pool-form";
import { UsageBar } from "../_components/usage-bar";
import { routeParam, routeParamText } from "@/app/_lib/route-param";

type Props = { params: Promise<{ org: string; ws: string; env: string; pool_name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: routeParamText((await params).pool_name) };
}

export default async function PoolPage({ params }: Props) {
  const { org, ws, env, pool_name } = await params;
  const access = await pageAccess("pool.write", { orgSlug: org, workspaceSlug: ws, envSlug: env });
  const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
  const base = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/pools`;
  let p;
  try {
    p = await getPool(access, routeParam(pool_name));
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const unlimited = p.slots < 0;
  const figures: [string, string][] = [
    ["Slots", unlimited ? "no limit" : String(p.slots)],
    ["Running", String(p.running_slots)],
    ["Queued", String(p.queued_slots)],
    ["Open", unlimited ? "no limit" : String(p.open_slots)],
  ];
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-6">
      <PageHeader
        eyebrow={
          <Link href={base} className="text-sm text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200">
            ← Pools
          </Link>
        }
        title={p.name}
        description={p.description ?? undefined}
      />
      <div className="mt-6 space-y-6">
        <section aria-label="Usage" className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            {figures.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
                <dd className={`mt-1 text-lg font-semibold tabular-nums ${label === "Open" && p.open_slots < 0 && !unlimited ? "text-red-600 dark:text-red-400" : "text-slate-900 dark:text-white"}`}>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="mt-4">
            <UsageBar slots={p.slots} running={p.running_slots} />
          </div>
        </section>
        <Section title="Settings" description="Making a pool smaller never stops what runs: new tries wait until enough slots are free.">
          <PoolForm scope={scope} initial={{ name: p.name, slots: p.slots, description: p.description }} />
        </Section>
        <Section title="Delete">
          {p.name === DEFAULT_POOL_NAME ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              <span className="font-mono">{DEFAULT_POOL_NAME}</span> cannot be deleted: every task that names no pool runs in it. Set its slots to 0 to stop those tasks from starting.
            </p>
          ) : (
            <DeleteButton what={p.name} consequence={`Tasks in ${scope.envSlug} that use pool ${p.name} will wait until a pool of that name exists again.`} onDelete={deletePoolAction.bind(null, scope, p.name)} />
          )}
        </Section>
      </div>
    </main>
  );
}
