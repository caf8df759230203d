"use client";
// The web editor for DAG files: a YAML textarea with line numbers, validated live (debounced,
// on the server with this environment's defaults) with every problem at its line and column,
// a preview of the next runs, file upload, and deploy.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { DagFilePreview } from "@/lib/server/services/dags/preview-dag-file";
import type { DagFileProblem } from "@/lib/server/services/dags/check-dag-file";
import { deployDagAction, previewDagFileAction, type EnvScope } from "../actions";
import { formatDate } from "../_components/format";

const LINE_HEIGHT = 20; // px, matches leading-5

export function DagEditor({ scope, base, initialText, envSlug }: { scope: EnvScope; base: string; initialText: string; envSlug: string }) {
  const [text, setText] = useState(initialText);
  const [preview, setPreview] = useState<DagFilePreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [deployError, setDeployError] = useState<string | null>(null);
  const [deploying, startDeploy] = useTransition();
  const [fileName, setFileName] = useState<string | null>(null);
  const seq = useRef(0);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const escaped = useRef(false);
  const router = useRouter();

  // Live validation: 350 ms after the last keystroke; answers to older texts are dropped.
  useEffect(() => {
    const mine = ++seq.current;
    setChecking(true);
    const timer = setTimeout(async () => {
      let result: Awaited<ReturnType<typeof previewDagFileAction>> | null = null;
      try {
        result = await previewDagFileAction(scope, text);
      } catch {
        result = null; // offline or a server error: keep the last answer, try again on the next edit
      }
      if (mine !== seq.current) return;
      setChecking(false);
      if (result?.ok) setPreview(result.data);
      else if (result) setPreview(null);
    }, 350);
    return () => clearTimeout(timer);
  }, [text, scope]);

  const lines = useMemo(() => Math.max(1, text.split("\n").length), [text]);
  const problemLines = useMemo(() => {
    const m = new Map<number, "error" | "warning">();
    for (const p of preview?.warnings ?? []) if (p.line) m.set(p.line, "warning");
    for (const p of preview?.errors ?? []) if (p.line) m.set(p.line, "error");
    return m;
  }, [preview]);

  const goTo = useCallback(
    (p: DagFileProblem) => {
      const el = textarea.current;
      if (!el || !p.line) return;
      const all = text.split("\n");
      let offset = 0;
      for (let i = 0; i < p.line - 1 && i < all.length; i++) offset += all[i].length + 1;
      offset += Math.max(0, (p.column ?? 1) - 1);
      el.focus();
      el.setSelectionRange(offset, offset);
      el.scrollTop = Math.max(0, (p.line - 5) * LINE_HEIGHT);
    },
    [text],
  );

  const onUpload = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setText(await file.text());
  };

  const deploy = () => {
    setDeployError(null);
    startDeploy(async () => {
      const format = /\.json$/i.test(fileName ?? "") || /^\s*\{/.test(text) ? "json" : "yaml";
      const result = await deployDagAction(scope, text, format);
      if (result.ok) router.push(`${base}/${encodeURIComponent(result.data.dagId)}?deployed=${result.data.outcome}`);
      else setDeployError(result.error.message);
    });
  };

  const errors = preview?.errors ?? [];
  const warnings = preview?.warnings ?? [];
  const valid = preview?.ok === true;
  const statusText = !preview
    ? "Checking…"
    : valid
      ? preview.status === "current"
        ? "Valid — identical to the deployed version"
        : preview.status === "new_dag"
          ? "Valid — a new DAG"
          : preview.status === "earlier_version"
            ? "Valid — same as an earlier version"
            : "Valid — a new version"
      : `${errors.length} error${errors.length === 1 ? "" : "s"}`;

  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0">
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-950">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
            <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{fileName ?? (preview?.dagId ? `${preview.dagId}.yaml` : "new_dag.yaml")}</span>
            <label className="inline-flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-200 focus-within:outline-2 focus-within:outline-brand-500 dark:text-slate-300 dark:hover:bg-slate-800">
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
                <path d="M9.25 13.25a.75.75 0 0 0 1.5 0V4.636l2.955 3.129a.75.75 0 0 0 1.09-1.03l-4.25-4.5a.75.75 0 0 0-1.09 0l-4.25 4.5a.75.75 0 1 0 1.09 1.03L9.25 4.636v8.614Z" />
                <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
              </svg>
              Upload file
              <input type="file" accept=".yaml,.yml,.json,application/yaml,application/json" className="sr-only" onChange={(e) => onUpload(e.target.files?.[0])} />
            </label>
          </div>
          <div className="relative flex h-[32rem] font-mono text-[13px] leading-5">
            <div
              ref={gutter}
              aria-hidden="true"
              className="w-12 flex-none select-none overflow-hidden border-r border-slate-200 bg-slate-50 py-3 text-right text-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-600"
            >
              {Array.from({ length: lines }, (_, i) => {
                const mark = problemLines.get(i + 1);
                return (
                  <div
                    key={i}
                    className={`relative pr-2 ${mark === "error" ? "bg-red-100 font-semibold text-red-700 dark:bg-red-500/15 dark:text-red-300" : mark === "warning" ? "bg-amber-50 text-amber-700 dark:bg-amber-500/10 dark:text-amber-300" : ""}`}
                  >
                    {i + 1}
                  </div>
                );
              })}
            </div>
            <textarea
              ref={textarea}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onScroll={(e) => {
                if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
              }}
              onKeyDown={(e) => {
                // Tab indents (YAML wants spaces); Escape then Tab leaves the editor.
                if (e.key === "Escape") escaped.current = true;
                else if (e.key === "Tab" && !escaped.current && !e.shiftKey) {
                  e.preventDefault();
                  const el = e.currentTarget;
                  const { selectionStart: s, selectionEnd: end } = el;
                  const next = text.slice(0, s) + "  " + text.slice(end);
                  setText(next);
                  requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
                } else if (e.key !== "Tab") escaped.current = false;
              }}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              aria-label="DAG file (YAML or JSON)"
              aria-describedby="dag-editor-status dag-editor-help"
              aria-invalid={preview && !valid ? true : undefined}
              wrap="off"
              className="min-w-0 flex-1 resize-none bg-transparent px-3 py-3 text-slate-900 caret-brand-600 outline-none focus:ring-2 focus:ring-inset focus:ring-brand-500/40 dark:text-slate-100"
            />
          </div>
        </div>
        <p id="dag-editor-help" className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Tab indents with two spaces; press Escape, then Tab, to move on. Checked as you type with {envSlug}&rsquo;s{" "}
          {preview?.defaults === "airflow2" ? "Airflow 2" : "Airflow 3"} defaults. Reference: <code className="font-mono">docs/dag-files.md</code>.
        </p>

        <section aria-labelledby="problems-title" className="mt-5">
          <h2 id="problems-title" className="text-sm font-semibold text-slate-900 dark:text-white">
            Problems{" "}
            <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">{errors.length + warnings.length}</span>
          </h2>
          {errors.length + warnings.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">{preview ? "No problems found." : "Checking…"}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900/60">
              {[...errors, ...warnings].map((p, i) => (
                <li key={i}>
                  <button
                    type="button"
                    onClick={() => goTo(p)}
                    className="flex w-full items-start gap-3 px-4 py-2.5 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500 dark:hover:bg-slate-800/60"
                  >
                    <span
                      className={`mt-0.5 flex-none rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase ${
                        p.severity === "error" ? "bg-red-100 text-red-700 dark:bg-red-500/15 dark:text-red-300" : "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300"
                      }`}
                    >
                      {p.severity}
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="font-mono text-xs text-slate-500 dark:text-slate-400">
                        {p.line !== null ? `line ${p.line}, column ${p.column ?? 1}` : "file"}
                        {p.field ? ` · ${p.field}` : ""}
                      </span>
                      <span className="block text-slate-800 dark:text-slate-200">{p.message}</span>
                      {p.hint ? <span className="block text-xs text-slate-500 dark:text-slate-400">{p.hint}</span> : null}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <aside className="space-y-4">
        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
          <p id="dag-editor-status" role="status" aria-live="polite" className="flex items-center gap-2 text-sm font-medium">
            <span
              aria-hidden="true"
              className={`h-2.5 w-2.5 rounded-full ${checking || !preview ? "animate-pulse bg-slate-300 dark:bg-slate-600" : valid ? "bg-emerald-500" : "rotate-45 rounded-[2px] bg-red-500"}`}
            />
            <span className={valid ? "text-emerald-700 dark:text-emerald-300" : preview ? "text-red-700 dark:text-red-300" : "text-slate-500"}>{statusText}</span>
          </p>
          {valid && preview ? (
            <dl className="mt-3 space-y-2 text-sm">
              <Row label="dag_id">
                <span className="font-mono">{preview.dagId}</span>
              </Row>
              <Row label="Tasks">{preview.taskCount}</Row>
              <Row label="Version">
                <code className="font-mono text-xs" title={preview.version ?? ""}>
                  {preview.version?.slice(0, 12)}
                </code>
              </Row>
            </dl>
          ) : null}
          {deployError ? (
            <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
              {deployError}
            </p>
          ) : null}
          <button
            type="button"
            onClick={deploy}
            disabled={!valid || deploying || checking}
            className="mt-4 inline-flex w-full items-center justify-center gap-2 rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-brand-500 dark:hover:bg-brand-400"
          >
            {deploying ? "Deploying…" : preview?.status === "current" ? "Already deployed" : `Deploy to ${envSlug}`}
          </button>
          {valid && preview?.status === "new_dag" ? <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">New DAGs start paused unless the file sets is_paused_upon_creation: false.</p> : null}
          {valid && preview?.status === "current" ? (
            <Link href={`${base}/${encodeURIComponent(preview.dagId ?? "")}`} className="mt-2 block text-xs font-medium text-brand-700 hover:underline dark:text-brand-300">
              Open {preview.dagId}
            </Link>
          ) : null}
        </div>

        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
          <h2 className="text-sm font-semibold text-slate-900 dark:text-white">Schedule</h2>
          {valid && preview ? (
            <>
              <p className="mt-2 text-sm text-slate-800 dark:text-slate-200">{preview.scheduleWords}</p>
              {preview.schedule ? <code className="font-mono text-xs text-slate-500 dark:text-slate-400">{preview.schedule}</code> : null}
              <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{preview.scheduleDescription}</p>
              <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Next runs</h3>
              {preview.nextRuns.length ? (
                <ol className="mt-2 space-y-2" aria-label="Next runs">
                  {preview.nextRuns.map((r) => (
                    <li key={r.run_after} className="text-xs">
                      <span className="block font-medium text-slate-800 dark:text-slate-200">
                        {formatDate(r.run_after)}
                        {Date.parse(r.run_after) <= (preview.checkedAt ?? 0) ? <span className="ml-1.5 font-normal text-amber-700 dark:text-amber-300">due now</span> : null}
                      </span>
                      <span className="block text-slate-500 dark:text-slate-400">
                        {r.data_interval_start === r.data_interval_end
                          ? `logical date ${formatDate(r.logical_date)}`
                          : `data interval ${formatDate(r.data_interval_start)} → ${formatDate(r.data_interval_end)}`}
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">No run will be scheduled; trigger it by hand or through the API.</p>
              )}
            </>
          ) : (
            <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Shown when the file is valid.</p>
          )}
        </div>
      </aside>
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-3">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 truncate text-right text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}
