// The Code tab: every deployed version's file as uploaded, and a line diff between any two
// (?version=N shows one; ?compare=A..B shows what changed from A to B).
import type { Metadata } from "next";
import { pageAccess } from "@/lib/server/authz";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors";
import { diffHunks, diffLines, splitLines } from "@/lib/domain/dag/line-diff";
import { getDagVersionFile, listDagVersions } from "@/lib/server/services/dags/list-dag-versions";
import { formatDate } from "../../_components/format";
import { envScopeOf, loadDag, type DagRouteParams } from "../load-dag";

export const metadata: Metadata = { title: "Code" };

type Props = { params: Promise<DagRouteParams>; searchParams: Promise<{ version?: string; compare?: string; from?: string; to?: string }> };

export default async function DagCodePage({ params, searchParams }: Props) {
  const routeParams = await params;
  const gate = await pageAccess("dag.read", envScopeOf(routeParams));
  const { access, view, base } = await loadDag(gate, routeParams.dag_id);
  const search = await searchParams;
  const { dag_versions: versions } = await listDagVersions(access, view.dag_id, { limit: 200 });
  const compare = /^(\d+)\.\.(\d+)$/.exec(search.compare ?? (search.from && search.to ? `${search.from}..${search.to}` : ""));
  const shownNumber = search.version && /^\d+$/.test(search.version) ? Number(search.version) : view.version_number;
  const codeHref = `${base}/code`;
  const versionFile = async (version: string) => {
    try {
      return await getDagVersionFile(access, view.dag_id, version);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    }
  };

  let body: React.ReactNode;
  if (compare) {
    const [from, to] = [compare[1], compare[2]];
    const [a, b] = await Promise.all([versionFile(from), versionFile(to)]);
    const lines = diffLines(a.raw_file, b.raw_file);
    const hunks = diffHunks(lines, 3);
    const added = lines.filter((l) => l.kind === "added").length;
    const removed = lines.filter((l) => l.kind === "removed").length;
    body = (
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-950">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-sm dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-medium text-slate-900 dark:text-white">
            Changes from v{a.version_number} to v{b.version_number}
          </h2>
          <span className="font-mono text-xs">
            <span className="text-emerald-700 dark:text-emerald-400">+{added}</span> <span className="text-red-700 dark:text-red-400">−{removed}</span>
          </span>
        </div>
        {hunks.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">The files are identical{a.version !== b.version ? " (the specs differ only in what the file does not show)" : ""}.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full font-mono text-[13px] leading-5" aria-label={`Line diff from version ${a.version_number} to ${b.version_number}`}>
              {hunks.map((h, hi) => (
                <tbody key={hi} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <tr className="bg-brand-50/60 text-xs text-brand-800 dark:bg-brand-500/10 dark:text-brand-300">
                    <td colSpan={4} className="px-3 py-1">
                      @@ −{h.oldStart} +{h.newStart} @@
                    </td>
                  </tr>
                  {h.lines.map((l, li) => (
                    <tr
                      key={li}
                      className={l.kind === "added" ? "bg-emerald-50 dark:bg-emerald-500/10" : l.kind === "removed" ? "bg-red-50 dark:bg-red-500/10" : ""}
                      data-diff={l.kind}
                    >
                      <td className="w-10 select-none px-2 text-right text-slate-400">{l.kind !== "added" ? l.oldLine : ""}</td>
                      <td className="w-10 select-none px-2 text-right text-slate-400">{l.kind !== "removed" ? l.newLine : ""}</td>
                      <td className={`w-5 select-none text-center ${l.kind === "added" ? "text-emerald-700 dark:text-emerald-400" : l.kind === "removed" ? "text-red-700 dark:text-red-400" : "text-slate-300"}`}>
                        <span aria-label={l.kind === "same" ? undefined : l.kind}>{l.kind === "added" ? "+" : l.kind === "removed" ? "−" : " "}</span>
                      </td>
                      <td className="whitespace-pre pr-4 text-slate-800 dark:text-slate-200">{l.text}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        )}
      </div>
    );
  } else {
    const file = await versionFile(String(shownNumber));
    const lines = splitLines(file.raw_file);
    body = (
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-950">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-sm dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-medium text-slate-900 dark:text-white">
            Version {file.version_number} <code className="ml-1 font-mono text-xs text-slate-500">{file.version.slice(0, 12)}</code>
          </h2>
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {file.file_format.toUpperCase()} · {lines.length} lines · deployed {formatDate(file.created_at)}
            {file.created_by ? ` by ${file.created_by}` : ""}
          </span>
        </div>
        <div className="overflow-x-auto">
          <table className="w-full font-mono text-[13px] leading-5" aria-label={`File of version ${file.version_number}`}>
            <tbody>
              {lines.map((text, i) => (
                <tr key={i}>
                  <td className="w-12 select-none bg-slate-50 px-3 text-right text-slate-400 dark:bg-slate-900 dark:text-slate-600">{i + 1}</td>
                  <td className="whitespace-pre px-4 text-slate-800 dark:text-slate-200">{text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside aria-label="Versions">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Versions</h2>
        <ol className="mt-2 space-y-1.5">
          {versions.map((v, i) => {
            const selected = !compare && v.version_number === shownNumber;
            const previous = versions[i + 1];
            return (
              <li key={v.version}>
                <div className={`rounded-lg border px-3 py-2 text-sm ${selected ? "border-brand-500 bg-brand-50/60 dark:border-brand-400 dark:bg-brand-500/10" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/60"}`}>
                  <Link href={`${codeHref}?version=${v.version_number}`} aria-current={selected ? "page" : undefined} className="flex items-center justify-between gap-2 font-medium text-slate-900 hover:underline dark:text-white">
                    <span>
                      v{v.version_number} <code className="font-mono text-xs font-normal text-slate-500">{v.version.slice(0, 8)}</code>
                    </span>
                    {v.is_current ? <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-[11px] font-medium text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300">current</span> : null}
                  </Link>
                  <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
                    {formatDate(v.created_at)}
                    {v.created_by ? ` · ${v.created_by}` : ""}
                  </p>
                  {previous ? (
                    <Link href={`${codeHref}?compare=${previous.version_number}..${v.version_number}`} className="mt-1 inline-block text-xs font-medium text-brand-700 hover:underline dark:text-brand-300">
                      Changes since v{previous.version_number}
                    </Link>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
        {versions.length > 2 ? (
          <form action={codeHref} className="mt-4 space-y-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
            <p className="font-medium text-slate-900 dark:text-white">Compare any two</p>
            <CompareSelect versions={versions.map((v) => v.version_number)} />
          </form>
        ) : null}
      </aside>
      <div className="min-w-0">{body}</div>
    </div>
  );
}

function CompareSelect({ versions }: { versions: number[] }) {
  // A plain GET form (works without JavaScript): ?from=A&to=B means the same as ?compare=A..B.
  const options = versions.map((n) => (
    <option key={n} value={n}>
      v{n}
    </option>
  ));
  return (
    <div className="flex items-center gap-2">
      <label className="sr-only" htmlFor="compare-from">
        From version
      </label>
      <select id="compare-from" name="from" defaultValue={versions[1]} className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
        {options}
      </select>
      <span aria-hidden="true">→</span>
      <label className="sr-only" htmlFor="compare-to">
        To version
      </label>
      <select id="compare-to" name="to" defaultValue={versions[0]} className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
        {options}
      </select>
      <button type="submit" className="rounded-md bg-slate-900 px-2.5 py-1 text-xs font-medium text-white hover:bg-slate-700 dark:bg-white dark:text-slate-900">
        Diff
      </button>
    </div>
  );
}
