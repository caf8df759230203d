"use client";
// An operator's actions on one task instance, wherever it is shown (run page, Grid details):
// clear it (downstream by default; upstream and only-failed on request) after seeing, from a
// dry run, exactly which task instances will run again; or mark it success or failed.
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { Button } from "@/app/_components/button";
import type { ClearedTaskInstance } from "@/lib/server/services/runs/clear-task-instances";
import { clearTaskAction, markTaskAction, type ClearOptions, type EnvScope } from "../[dag_id]/runs/[run_id]/actions";

type Props = {
  scope: EnvScope;
  dagId: string;
  runId: string;
  taskId: string;
  /** Narrow places (the Grid's details column) stack the buttons. */
  compact?: boolean;
};

type Message = { kind: "ok" | "error"; text: string };
type Result<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

export function TaskActions({ scope, dagId, runId, taskId, compact = false }: Props) {
  const router = useRouter();
  const id = useId();
  const [options, setOptions] = useState<Required<ClearOptions>>({ includeDownstream: true, includeUpstream: false, onlyFailed: false });
  const [preview, setPreview] = useState<ClearedTaskInstance[] | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, startTransition] = useTransition();

  // Another task or run chosen: whatever was previewed is about something else now.
  useEffect(() => {
    setPreview(null);
    setMessage(null);
  }, [taskId, runId]);

  const act = (work: () => Promise<Result<unknown>>, done: string) =>
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        setMessage({ kind: "ok", text: done });
        setPreview(null);
        router.refresh();
      } else setMessage({ kind: "error", text: result.error.message });
    });

  const dryRun = (next: Required<ClearOptions>) =>
    startTransition(async () => {
      setMessage(null);
      const result = await clearTaskAction(scope, dagId, runId, taskId, true, next);
      if (result.ok) setPreview(result.data);
      else {
        setPreview(null);
        setMessage({ kind: "error", text: result.error.message });
      }
    });

  const toggle = (key: keyof ClearOptions) => {
    const next = { ...options, [key]: !options[key] };
    setOptions(next);
    dryRun(next);
  };

  const count = preview?.length ?? 0;
  const tight = compact ? "whitespace-nowrap px-2" : "";
  return (
    <div className="space-y-3">
      <div className={compact ? "grid grid-cols-1 gap-2" : "flex flex-wrap gap-2"}>
        <Button variant="secondary" disabled={pending} aria-expanded={preview !== null} aria-controls={`${id}-clear`} onClick={() => dryRun(options)}>
          Clear…
        </Button>
        <div className={compact ? "grid grid-cols-2 gap-2" : "contents"}>
          <Button variant="secondary" className={tight} disabled={pending} onClick={() => act(() => markTaskAction(scope, dagId, runId, taskId, "success"), `Marked ${taskId} success.`)}>
            Mark success
          </Button>
          <Button variant="secondary" className={tight} disabled={pending} onClick={() => act(() => markTaskAction(scope, dagId, runId, taskId, "failed"), `Marked ${taskId} failed.`)}>
            Mark failed
          </Button>
        </div>
      </div>

      {preview ? (
        <div id={`${id}-clear`} role="group" aria-labelledby={`${id}-clear-title`} className="rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-500/40 dark:bg-amber-500/10">
          <fieldset className="flex flex-wrap gap-x-4 gap-y-1.5 text-sm text-slate-700 dark:text-slate-300">
            <legend className="sr-only">What to clear with {taskId}</legend>
            {(
              [
                ["includeDownstream", "Downstream"],
                ["includeUpstream", "Upstream"],
                ["onlyFailed", "Only failed"],
              ] as const
            ).map(([key, label]) => (
              <label key={key} className="inline-flex items-center gap-1.5">
                <input type="checkbox" checked={options[key]} disabled={pending} onChange={() => toggle(key)} className="h-4 w-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-600" />
                {label}
              </label>
            ))}
          </fieldset>
          <h3 id={`${id}-clear-title`} className="mt-3 text-sm font-medium text-slate-900 dark:text-white">
            {count ? `These ${count} task instance${count === 1 ? "" : "s"} will be cleared and run again:` : "Nothing to clear with these options."}
          </h3>
          {count ? (
            <ul className="mt-2 max-h-60 space-y-1 overflow-auto text-sm" data-testid="clear-preview">
              {preview.map((t) => (
                <li key={t.task_id} className="flex flex-wrap gap-x-3">
                  <span className="break-all font-mono text-slate-900 dark:text-slate-100">{t.task_id}</span>
                  <span className="text-slate-500 dark:text-slate-400">{t.state === "none" ? "not run" : t.state}</span>
                  <span className="text-slate-500 dark:text-slate-400">try {t.try_number}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-3 flex gap-2">
            {count ? (
              <Button disabled={pending} onClick={() => act(() => clearTaskAction(scope, dagId, runId, taskId, false, options), `Cleared ${count} task instance${count === 1 ? "" : "s"}.`)}>
                Clear {count}
              </Button>
            ) : null}
            <Button variant="ghost" disabled={pending} onClick={() => setPreview(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}

      {message ? (
        <p role="status" className={`text-sm ${message.kind === "ok" ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
