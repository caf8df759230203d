import type { Metadata } from "next";
import Link from "next/link";
import { pageAccess } from "@/lib/server/authz";
import { checkAuditChains } from "@/lib/server/services/access/check-audit-chains";
import { listAuditEvents, parseAuditFilter, type AuditFilter } from "@/lib/server/services/access/list-audit-events";
import { buttonClass } from "@/app/_components/button";
import { Section } from "@/app/_components/page-header";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

const OUTCOME: Record<string, string> = {
  success: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/30",
  denied: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-400/10 dark:text-red-300 dark:ring-red-400/30",
  failure: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/30",
};

const inputClass =
  "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
const labelClass = "block text-xs font-medium text-slate-600 dark:text-slate-400";

function query(filter: AuditFilter, overrides: Partial<Record<keyof AuditFilter, string | number | undefined>> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...overrides })) if (v !== undefined && v !== "" && !(k === "page" && v === 1)) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { org } = await params;
  const access = await pageAccess("audit.read", { orgSlug: org });
  const filter = parseAuditFilter(await searchParams);
  const page = await listAuditEvents(access, filter);
  // The chains of the days on screen (every event belongs to its organization's chain of that UTC day).
  const shownDays = page.events.flatMap((e) => (e.chainKey ? [e.chainKey.slice(-10)] : []));
  const chains = await checkAuditChains(access, shownDays.length ? { days: shownDays } : {});
  const base = `/o/${access.organization.slug}/settings/audit`;
  const envName = new Map(page.environments.map((e) => [e.id, e.label]));
  const broken = chains.days.filter((d) => !d.verdict.ok);
  return (
    <>
      <div
        role="status"
        className={`flex flex-col gap-1 rounded-xl border px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between ${
          chains.ok
            ? "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200"
            : "border-red-300 bg-red-50 text-red-900 dark:border-red-900/60 dark:bg-red-950/50 dark:text-red-200"
        }`}
      >
        <p className="font-medium">
          {chains.ok
            ? `Hash chain verified: ${chains.events} event${chains.events === 1 ? "" : "s"} over ${chains.days.length} day${chains.days.length === 1 ? "" : "s"}, nothing changed or missing.`
            : `Hash chain broken on ${broken.map((d) => d.day).join(", ")}: ${broken[0]!.verdict.ok ? "" : `at event #${broken[0]!.verdict.brokenAtSeq}, ${broken[0]!.verdict.reason}`}.`}
        </p>
        <p className="text-xs opacity-80">One chain per UTC day; the days of the events shown are recomputed on every visit.</p>
      </div>

      <Section id="audit" title="Audit log" description="Every change and every refused attempt in this organization, newest first.">
        <form method="get" action={base} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Filter events">
          <div>
            <label htmlFor="f-action" className={labelClass}>
              Action
            </label>
            <input id="f-action" name="action" list="audit-actions" defaultValue={filter.action ?? ""} placeholder="e.g. group. or role_binding.create" className={inputClass} />
            <datalist id="audit-actions">
              {page.actions.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </div>
          <div>
            <label htmlFor="f-principal" className={labelClass}>
              Principal
            </label>
            <input id="f-principal" name="principal" defaultValue={filter.principal ?? ""} placeholder="email, token name or id" className={inputClass} />
          </div>
          <div>
            <label htmlFor="f-target" className={labelClass}>
              Target
            </label>
            <input id="f-target" name="target" defaultValue={filter.target ?? ""} placeholder="type (group) or id" className={inputClass} />
          </div>
          <div>
            <label htmlFor="f-outcome" className={labelClass}>
              Outcome
            </label>
            <select id="f-outcome" name="outcome" defaultValue={filter.outcome ?? ""} className={inputClass}>
              <option value="">Any</option>
              <option value="success">Success</option>
              <option value="denied">Denied</option>
              <option value="failure">Failure</option>
            </select>
          </div>
          <div>
            <label htmlFor="f-environment" className={labelClass}>
              Environment
            </label>
            <select id="f-environment" name="environment" defaultValue={filter.environment ?? ""} className={inputClass}>
              <option value="">Any</option>
              {page.environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-from" className={labelClass}>
              From (UTC)
            </label>
            <input id="f-from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
          </div>
          <div>
            <label htmlFor="f-to" className={labelClass}>
              To (UTC, inclusive)
            </label>
            <input id="f-to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass("primary", "flex-1")}>
              Apply
            </button>
            <Link href={base} className={buttonClass("ghost")}>
              Reset
            </Link>
          </div>
        </form>

        <div className="mt-5 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
          <p>
            {page.total === 1 ? "1 event" : `${page.total.toLocaleString("en")} events`} · page {page.page} of {page.pages}
          </p>
          <a href={`${base}/export${query(filter, { page: undefined })}`} className={buttonClass("secondary", "px-3 py-1.5 text-xs")} download>
            Export NDJSON
          </a>
        </div>

        <div className="relative -mx-5 mt-3 overflow-x-auto sm:-mx-6">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events</caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">
                  Time (UTC)
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Action
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Principal
                </th>
                <th scope="col" className="px-3 py-2.5 font-medium">
                  Target
                </th>
                <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">
                  Details
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {page.events.length === 0 ? (
                <tr>
                  <td colSpan={5} className="px-6 py-10 text-center text-slate-500 dark:text-slate-400">
                    No events match these filters.
                  </td>
                </tr>
              ) : (
                page.events.map((e) => (
                  <tr key={e.id} className="align-top">
                    <td className="w-28 px-5 py-3 font-mono text-xs text-slate-600 sm:w-auto sm:whitespace-nowrap sm:px-6 dark:text-slate-400">{timeFormat.format(e.at)}</td>
                    <td className="px-3 py-3">
                      <span className="block font-mono text-xs font-medium text-slate-900 dark:text-slate-100">{e.action}</span>
                      <span className={`mt-1 inline-block rounded px-1.5 py-0.5 text-[11px] font-semibold capitalize ring-1 ring-inset ${OUTCOME[e.outcome] ?? OUTCOME.failure}`}>{e.outcome}</span>
                      <span className="mt-1 block max-w-[11rem] truncate text-xs text-slate-500 sm:hidden dark:text-slate-400">{e.principalName ?? e.principalId ?? "—"}</span>
                    </td>
                    <td className="px-3 py-3">
                      <span className="block max-w-[14rem] truncate text-slate-900 dark:text-slate-100">{e.principalName ?? e.principalId ?? "—"}</span>
                      <span className="text-xs text-slate-500">{e.principalType}</span>
                    </td>
                    <td className="px-3 py-3 text-xs text-slate-600 dark:text-slate-400">
                      <span className="block">{e.targetType ?? "—"}</span>
                      {e.environmentId ? <span className="block text-slate-500">{envName.get(e.environmentId) ?? "environment"}</span> : null}
                    </td>
                    <td className="px-5 py-3 sm:px-6">
                      <details className="group w-72 max-w-[18rem]">
                        <summary className="cursor-pointer list-none truncate rounded text-xs text-slate-600 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-400">
                          <span className="text-brand-700 group-open:hidden dark:text-brand-300">Show</span>
                          <span className="hidden text-brand-700 group-open:inline dark:text-brand-300">Hide</span> <span className="font-mono">{summaryLine(e.summary)}</span>
                        </summary>
                        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
                          <dt>Target id</dt>
                          <dd className="break-all font-mono">{e.targetId ?? "—"}</dd>
                          <dt>Address</dt>
                          <dd className="font-mono">{e.ip ?? "—"}</dd>
                          <dt>Request</dt>
                          <dd className="break-all font-mono">{e.requestId ?? "—"}</dd>
                          <dt>Chain</dt>
                          <dd className="break-all font-mono">
                            {e.chainKey?.split("/")[1]} #{e.seq}
                          </dd>
                          <dt>Summary</dt>
                          <dd>
                            <pre className="whitespace-pre-wrap break-all font-mono">{JSON.stringify(e.summary, null, 2)}</pre>
                          </dd>
                        </dl>
                      </details>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>

        <nav aria-label="Pages" className="mt-4 flex items-center justify-between">
          {page.page > 1 ? (
            <Link href={`${base}${query(filter, { page: page.page - 1 })}`} className={buttonClass("secondary", "px-3 py-1.5 text-xs")} rel="prev">
              ← Newer
            </Link>
          ) : (
            <span />
          )}
          {page.page < page.pages ? (
            <Link href={`${base}${query(filter, { page: page.page + 1 })}`} className={buttonClass("secondary", "px-3 py-1.5 text-xs")} rel="next">
              Older →
            </Link>
          ) : null}
        </nav>
      </Section>
    </>
  );
}

function summaryLine(summary: unknown): string {
  if (!summary || typeof summary !== "object") return "";
  const text = Object.entries(summary as Record<string, unknown>)
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(", ");
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
