// Promote this DAG's current version to another environment of the workspace (dev -> stg ->
// prd): the exact version is copied, so its hash and meaning stay the same. Shows what
// changes there first, as a line diff against the version the target runs now.
import type { Metadata } from "next";
import Link from "next/link";
import { diffHunks, diffLines } from "@/lib/domain/dag/line-diff";
import { pageAccess } from "@/lib/server/authz";
import { getDagVersionFile } from "@/lib/server/services/dags/list-dag-versions";
import { listPromotionTargets } from "@/lib/server/services/dags/list-promotion-targets";
import { EnvBadge, isProduction } from "@/app/_components/env-badge";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";
import { PromoteButton } from "./promote-button";

export const metadata: Metadata = { title: "Promote" };

type Props = { params: Promise<DagRouteParams>; searchParams: Promise<{ to?: string }> };

export default async function PromoteDagPage({ params, searchParams }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, scope, base } = await loadDag(gate, routeParams.dag_id);
  const targets = await listPromotionTargets(access, view.dag_id);
  const { to } = await searchParams;
  const target = targets.find((t) => t.slug === to) ?? targets[0];
  const file = await getDagVersionFile(access, view.dag_id, String(view.version_number));
  if (!target) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
        There is no other environment in {access.workspace.name} where you may deploy. Ask an admin for the editor role in stg or prd.
      </p>
    );
  }
  const same = target.currentVersion === view.version;
  const lines = diffLines(target.currentRawFile ?? "", file.raw_file);
  const hunks = diffHunks(lines, 3);
  const targetScope = { ...scope, envSlug: target.slug };
  const targetDagHref = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${target.slug}/dags/${encodeURIComponent(view.dag_id)}`;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Promote to</span>
        {targets.map((t) => (
          <Link
            key={t.slug}
            href={`${base}/promote?to=${t.slug}`}
            aria-current={t.slug === target.slug ? "page" : undefined}
            className={`inline-flex items-center gap-2 rounded-lg border px-3 py-1.5 font-medium ${
              t.slug === target.slug ? "border-brand-500 bg-brand-50/60 dark:border-brand-400 dark:bg-brand-500/10" : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
            }`}
          >
            <EnvBadge slug={t.slug} size="xs" /> {t.name}
          </Link>
        ))}
      </div>
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
        <h2 className="text-base font-semibold text-slate-900 dark:text-white">
          v{view.version_number} <code className="font-mono text-sm font-normal text-slate-500">{view.version.slice(0, 12)}</code> from {access.environment.slug} → {target.slug}
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {same
            ? `${target.slug} already runs this version.`
            : target.currentVersion
              ? `${target.slug} runs v${target.currentVersionNumber} (${target.currentVersion.slice(0, 12)}) now. The exact spec is copied: its hash stays the same there, whatever ${target.slug}'s own settings.`
              : `${view.dag_id} is not deployed in ${target.slug} yet; it will start paused unless its file says otherwise.`}
        </p>
        {isProduction(target.slug) && !same ? <p className="mt-2 text-sm font-medium text-red-700 dark:text-red-400">This changes production.</p> : null}
        {!same ? (
          <div className="mt-4">
            <PromoteButton target={targetScope} dagId={view.dag_id} fromEnvironmentId={access.environment.id} version={view.version} label={`Promote v${view.version_number} to ${target.slug}`} targetDagHref={targetDagHref} />
          </div>
        ) : (
          <Link href={targetDagHref} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
            Open {view.dag_id} in {target.slug}
          </Link>
        )}
      </section>
      {!same ? (
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-950">
          <p className="border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-sm font-medium text-slate-900 dark:border-slate-800 dark:bg-slate-900 dark:text-white">
            What changes in {target.slug}
          </p>
          <div className="overflow-x-auto">
            <table className="w-full font-mono text-[13px] leading-5" aria-label={`Changes in ${target.slug}`}>
              {hunks.map((h, hi) => (
                <tbody key={hi} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  {h.lines.map((l, li) => (
                    <tr key={li} data-diff={l.kind} className={l.kind === "added" ? "bg-emerald-50 dark:bg-emerald-500/10" : l.kind === "removed" ? "bg-red-50 dark:bg-red-500/10" : ""}>
                      <td className="w-10 select-none px-2 text-right text-slate-400">{l.kind !== "added" ? l.oldLine : ""}</td>
                      <td className="w-10 select-none px-2 text-right text-slate-400">{l.kind !== "removed" ? l.newLine : ""}</td>
                      <td className={`w-5 select-none text-center ${l.kind === "added" ? "text-emerald-700 dark:text-emerald-400" : l.kind === "removed" ? "text-red-700 dark:text-red-400" : "text-slate-300"}`}>
                        {l.kind === "added" ? "+" : l.kind === "removed" ? "−" : " "}
                      </td>
                      <td className="whitespace-pre pr-4 text-slate-800 dark:text-slate-200">{l.text}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        </div>
      ) : null}
    </div>
  );
}
