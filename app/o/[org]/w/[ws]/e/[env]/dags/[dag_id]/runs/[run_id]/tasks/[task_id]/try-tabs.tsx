"use client";
// The tries of one task instance as tabs (WAI-ARIA tabs: arrows, Home and End move and
// select). Switching is local — the URL's ?try= follows with replaceState, so the page
// does not re-render — and each tab shows its try's times, error, log and rendered fields.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { formatDate, formatDuration } from "../../../../../_components/format";
import { StateBadge, stateStyle } from "../../../../../_components/run-state";
import { LogViewer } from "./log-viewer";
import type { TaskTryDetail } from "@/lib/server/services/runs/get-task-instance-detail";

/** A try as its tab shows it: the service's view (its log is read by the viewer itself). */
export type TryTab = Omit<TaskTryDetail, "logBytes">;

export function TryTabs({ tries, initialTry, logUrlOf, taskId, now }: { tries: TryTab[]; initialTry: number | null; logUrlOf: Record<number, string>; taskId: string; now: number }) {
  const router = useRouter();
  // Without a ?try= the newest try is shown, and a newer try that starts takes its place.
  const [chosen, setChosen] = useState<number | null>(initialTry);
  const latest = tries[tries.length - 1]?.tryNumber ?? 0;
  const selected = tries.some((t) => t.tryNumber === chosen) ? chosen! : latest;
  const tabs = useRef(new Map<number, HTMLButtonElement>());

  const select = (n: number, focus = false) => {
    setChosen(n);
    const url = new URL(window.location.href);
    url.searchParams.set("try", String(n));
    window.history.replaceState(window.history.state, "", url);
    if (focus) tabs.current.get(n)?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent, index: number) => {
    const to =
      e.key === "ArrowRight" ? (index + 1) % tries.length : e.key === "ArrowLeft" ? (index - 1 + tries.length) % tries.length : e.key === "Home" ? 0 : e.key === "End" ? tries.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    select(tries[to].tryNumber, true);
  };

  if (!tries.length) return null;
  const t = tries.find((x) => x.tryNumber === selected)!;
  const queuedMs = t.queuedAt ? Date.parse(t.startDate) - Date.parse(t.queuedAt) : null;
  return (
    <section aria-labelledby="tries-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="tries-title" className="text-sm font-semibold text-slate-900 dark:text-white">
          Tries
        </h2>
      </div>
      <div role="tablist" aria-label={`Tries of ${taskId}`} className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
        {tries.map((x, i) => {
          const isSelected = x.tryNumber === selected;
          return (
            <button
              key={x.tryNumber}
              ref={(el) => {
                if (el) tabs.current.set(x.tryNumber, el);
                else tabs.current.delete(x.tryNumber);
              }}
              type="button"
              role="tab"
              id={`try-tab-${x.tryNumber}`}
              aria-selected={isSelected}
              aria-controls={isSelected ? `try-panel-${x.tryNumber}` : undefined}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => select(x.tryNumber)}
              onKeyDown={(e) => onKeyDown(e, i)}
              className={`-mb-px inline-flex items-center gap-2 whitespace-nowrap rounded-t-lg border px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500 ${
                isSelected
                  ? "border-slate-200 border-b-white bg-white text-slate-900 dark:border-slate-800 dark:border-b-slate-950 dark:bg-slate-950 dark:text-white"
                  : "border-transparent text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200"
              }`}
            >
              <span aria-hidden="true" className={`h-2 w-2 rounded-full ${stateStyle(x.state).dot}`} />
              Try {x.tryNumber}
              <span className="sr-only">({stateStyle(x.state).label})</span>
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`try-panel-${t.tryNumber}`} aria-labelledby={`try-tab-${t.tryNumber}`} className="space-y-4">
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
          <StateBadge state={t.state} />
          <Fact label="Started">{formatDate(t.startDate, true)}</Fact>
          <Fact label="Ended">{formatDate(t.endDate, true)}</Fact>
          <Fact label="Queued for">{queuedMs === null ? "—" : formatMs(queuedMs)}</Fact>
          <Fact label="Ran for">{formatDuration(t.startDate, t.endDate, now)}</Fact>
          <Fact label="Ran as">
            {t.activityKind === "local" ? "local activity" : t.activityKind === "regular" ? "activity" : t.activityKind}
            {t.worker ? <span className="text-slate-400 dark:text-slate-500"> on {t.worker}</span> : null}
          </Fact>
        </div>
        {t.error ? (
          <div role="note" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-200">
            <span className="font-semibold">{t.state === "skipped" ? "Skipped: " : "Error: "}</span>
            <span className="break-words font-mono text-[13px]">{t.error}</span>
          </div>
        ) : null}
        <LogViewer
          key={t.tryNumber}
          url={logUrlOf[t.tryNumber]}
          live={t.state === "running"}
          label={`${taskId}, try ${t.tryNumber}`}
          // The try ended: show its final state (and a retry, if one starts) right away.
          onEnded={() => router.refresh()}
        />
        {t.logTruncated ? <p className="text-xs text-amber-700 dark:text-amber-300">This try&apos;s log reached its size limit and was cut.</p> : null}
        <RenderedFields fields={t.renderedFields} state={t.state} />
      </div>
    </section>
  );
}

function RenderedFields({ fields, state }: { fields: Record<string, unknown> | null; state: string }) {
  const entries = fields ? Object.entries(fields) : [];
  return (
    <section aria-labelledby="rendered-title" className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
      <div className="flex items-baseline justify-between gap-3 border-b border-slate-100 px-4 py-2.5 dark:border-slate-800">
        <h3 id="rendered-title" className="text-sm font-semibold text-slate-900 dark:text-white">
          Rendered template fields
        </h3>
        <span className="text-xs text-slate-500 dark:text-slate-400">as this try rendered them · secrets shown as ***</span>
      </div>
      {entries.length ? (
        <dl data-testid="rendered-fields" className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map(([name, value]) => (
            <div key={name} className="grid gap-1 px-4 py-2.5 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-4">
              <dt className="font-mono text-xs font-medium text-slate-600 dark:text-slate-300">{name}</dt>
              <dd className="min-w-0">
                <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200">
                  {typeof value === "string" ? value : JSON.stringify(value, null, 2)}
                </pre>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">
          {state === "running" ? "Shown when the try ends." : "This try kept no rendered fields (its operator has no templated fields, or it ran before they were kept)."}
        </p>
      )}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <span className="inline-flex items-baseline gap-1.5">
      <span className="text-xs text-slate-500 dark:text-slate-400">{label}</span>
      <span className="text-slate-900 dark:text-slate-100">{children}</span>
    </span>
  );
}

function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.max(0, ms)} ms`;
  return formatDuration(new Date(0).toISOString(), new Date(ms).toISOString());
}
