// The table of API tokens, shared by an environment's tokens page and the organization's
// overview: name and status, role, environment, display prefix, created (and by whom),
// expiry, last use (time and address), and revoke for those who may.
import type { ApiTokenStatus } from "@/lib/domain/authz";
import type { ApiTokenRow } from "@/lib/server/repositories/api-tokens";
import { ActionButton } from "@/app/o/[org]/settings/_people/action-button";
import { revokeApiTokenAction, type EnvScope } from "./actions";

export type TokenRowView = ApiTokenRow & {
  status: ApiTokenStatus;
  /** Where the token works: the environment's scope (for revoking) and how to show it. */
  place: { scope: EnvScope; label: string; href?: string };
};

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

const STATUS_STYLE: Record<ApiTokenStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20",
  expired: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20",
  revoked: "bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-400/20",
};

/** `compact` drops the Created column, for narrower places (organization settings). */
export function TokensTable({ tokens, caption, canRevoke, compact = false }: { tokens: TokenRowView[]; caption: string; canRevoke: boolean; compact?: boolean }) {
  const created = compact ? "hidden" : "hidden lg:table-cell";
  return (
    <div className="relative -mx-5 overflow-x-auto sm:-mx-6">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">Name</th>
            <th scope="col" className="px-3 py-2.5 font-medium">Role</th>
            <th scope="col" className="hidden px-3 py-2.5 font-medium md:table-cell">Environment</th>
            <th scope="col" className="px-3 py-2.5 font-medium">Token</th>
            <th scope="col" className={`${created} px-3 py-2.5 font-medium`}>Created</th>
            <th scope="col" className="px-3 py-2.5 font-medium">Expires</th>
            <th scope="col" className="hidden px-3 py-2.5 font-medium md:table-cell">Last used</th>
            <th scope="col" className="px-5 py-2.5 text-right font-medium sm:px-6"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {tokens.map((t) => (
            <tr key={t.id} className={t.status === "active" ? undefined : "text-slate-500 dark:text-slate-500"}>
              <td className="px-5 py-3 sm:px-6">
                <p className="whitespace-nowrap font-medium text-slate-900 dark:text-white">{t.name}</p>
                <span className={`mt-1 inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[t.status]}`}>{t.status}</span>
              </td>
              <td className="px-3 py-3 text-slate-700 dark:text-slate-300">{t.role}</td>
              <td className="hidden whitespace-nowrap px-3 py-3 text-slate-700 md:table-cell dark:text-slate-300">
                {t.place.href ? (
                  <a href={t.place.href} className="text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-300">
                    {t.place.label}
                  </a>
                ) : (
                  t.place.label
                )}
              </td>
              <td className="px-3 py-3">
                <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200">{t.prefix}…</code>
              </td>
              <td className={`${created} whitespace-nowrap px-3 py-3`}>
                {day.format(t.createdAt)}
                {t.createdBy ? <span className="block text-xs text-slate-500 dark:text-slate-400">by {t.createdBy.name}</span> : null}
              </td>
              <td className="whitespace-nowrap px-3 py-3">{t.expiresAt ? day.format(t.expiresAt) : "Never"}</td>
              <td className="hidden whitespace-nowrap px-3 py-3 md:table-cell">
                {t.lastUsedAt ? (
                  <>
                    {compact ? <time dateTime={t.lastUsedAt.toISOString()} title={`${when.format(t.lastUsedAt)} UTC`}>{day.format(t.lastUsedAt)}</time> : `${when.format(t.lastUsedAt)} UTC`}
                    {t.lastUsedIp ? <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{t.lastUsedIp}</span> : null}
                  </>
                ) : (
                  "Never"
                )}
              </td>
              <td className="px-5 py-3 sm:px-6">
                <div className="flex justify-end">
                  {t.status !== "revoked" && canRevoke ? (
                    <ActionButton
                      action={revokeApiTokenAction.bind(null, t.place.scope, t.id)}
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
  );
}
