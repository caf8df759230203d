"use client";
// The operator's controls on the run page: pick a task, clear it with its downstream (the
// list of what will be cleared is shown first, from a dry run), mark it success or failed, or
// mark the whole run. Failed tasks come first in the picker: that is what an operator handles.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/app/_components/button";
import type { ClearedTaskInstance } from "@/lib/server/services/runs/clear-task-instances";
import { clearTaskAction, markRunAction, markTaskAction, type EnvScope } from "./actions";

type Props = {
  scope: EnvScope;
  dagId: string;
  runId: string;
  runState: string;
  tasks: { taskId: string; state: string }[];
};

const FAILED = new Set(["failed", "upstream_failed"]);

export function RunOperations({ scope, dagId, runId, runState, tasks }: Props) {
  const router = useRouter();
  const selectId = useId();
  const ordered = [...tasks].sort((a, b) => Number(FAILED.has(b.state)) - Number(FAILED.has(a.state)));
  const [taskId, setTaskId] = useState(ordered[0]?.taskId ?? "");
  const [preview, setPreview] = useState<ClearedTaskInstance[] | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>, done: string) =>
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        setMessage({ kind: "ok", text: done });
        setPreview(null);
        router.refresh();
      } else setMessage({ kind: "error", text: result.error.message });
    });

  const showClear = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await clearTaskAction(scope, dagId, runId, taskId, true);
      if (result.ok) setPreview(result.data);
      else setMessage({ kind: "error", text: result.error.message });
    });

  return (
    <section aria-labelledby="ops-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
      <h2 id="ops-title" className="text-sm font-semibold text-slate-900 dark:text-white">
        Actions
      </h2>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={selectId} className="text-xs text-slate-500 dark:text-slate-400">
            Task
          </label>
          <select
            id={selectId}
            value={taskId}
            onChange={(e) => {
              setTaskId(e.target.value);
              setPreview(null);
            }}
            className="rounded-lg border border-slate-300 bg-white px-2.5 py-2 font-mono text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          >
            {ordered.map((t) => (
              <option key={t.taskId} value={t.taskId}>
                {t.taskId} ({t.state})
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary" disabled={pending || !taskId} onClick={showClear}>
          Clear with downstream…
        </Button>
        <Button variant="secondary" disabled={pending || !taskId} onClick={() => run(() => markTaskAction(scope, dagId, runId, taskId, "success"), `Marked ${taskId} success.`)}>
          Mark success
        </Button>
        <Button variant="secondary" disabled={pending || !taskId} onClick={() => run(() => markTaskAction(scope, dagId, runId, taskId, "failed"), `Marked ${taskId} failed.`)}>
          Mark failed
        </Button>
        <span className="mx-1 hidden h-8 w-px bg-slate-200 sm:block dark:bg-slate-700" aria-hidden />
        <Button variant="ghost" disabled={pending || runState === "success"} onClick={() => run(() => markRunAction(scope, dagId, runId, "success"), "Marked the run success.")}>
          Mark run success
        </Button>
        <Button variant="danger" disabled={pending || runState === "failed"} onClick={() => run(() => markRunAction(scope, dagId, runId, "failed"), "Marked the run failed; running tries were stopped.")}>
          Mark run failed
        </Button>
      </div>

      {preview ? (
        <div role="dialog" aria-labelledby="clear-title" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-500/40 dark:bg-amber-500/10">
          <h3 id="clear-title" className="text-sm font-medium text-slate-900 dark:text-white">
            {preview.length ? `These ${preview.length} task instance${preview.length === 1 ? "" : "s"} will be cleared and run again:` : "Nothing to clear."}
          </h3>
          {preview.length ? (
            <ul className="mt-2 space-y-1 text-sm" data-testid="clear-preview">
              {preview.map((t) => (
                <li key={t.task_id} className="flex gap-3">
                  <span className="font-mono text-slate-900 dark:text-slate-100">{t.task_id}</span>
                  <span className="text-slate-500 dark:text-slate-400">{t.state === "none" ? "not run" : t.state}</span>
                  <span className="text-slate-500 dark:text-slate-400">try {t.try_number}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-3 flex gap-2">
            {preview.length ? (
              <Button disabled={pending} onClick={() => run(() => clearTaskAction(scope, dagId, runId, taskId, false), `Cleared ${preview.length} task instance${preview.length === 1 ? "" : "s"}.`)}>
                Clear {preview.length}
              </Button>
            ) : null}
            <Button variant="ghost" disabled={pending} onClick={() => setPreview(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}

      {message ? (
        <p role="status" className={`mt-3 text-sm ${message.kind === "ok" ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
