"use client";
// The operator's controls on the run page: pick a task and act on it (TaskActions: clear with
// a dry-run list first, mark), or mark the whole run. Failed tasks come first in the picker:
// that is what an operator handles.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/app/_components/button";
import { TaskActions } from "../../../_components/task-actions";
import { markRunAction, type EnvScope } from "./actions";

type Props = {
  scope: EnvScope;
  dagId: string;
  runId: string;
  runState: string;
  tasks: { taskId: string; state: string }[];
  /** The task chosen elsewhere on the page (?task=), preselected here. */
  selectedTaskId?: string;
};

const FAILED = new Set(["failed", "upstream_failed"]);

export function RunOperations({ scope, dagId, runId, runState, tasks, selectedTaskId }: Props) {
  const router = useRouter();
  const selectId = useId();
  const ordered = [...tasks].sort((a, b) => Number(FAILED.has(b.state)) - Number(FAILED.has(a.state)));
  const [taskId, setTaskId] = useState(selectedTaskId && tasks.some((t) => t.taskId === selectedTaskId) ? selectedTaskId : (ordered[0]?.taskId ?? ""));
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const markRun = (state: "success" | "failed", done: string) =>
    startTransition(async () => {
      const result = await markRunAction(scope, dagId, runId, state);
      if (result.ok) {
        setMessage({ kind: "ok", text: done });
        router.refresh();
      } else setMessage({ kind: "error", text: result.error.message });
    });

  return (
    <section aria-labelledby="ops-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="ops-title" className="mr-auto text-sm font-semibold text-slate-900 dark:text-white">
          Actions
        </h2>
        <Button variant="ghost" disabled={pending || runState === "success"} onClick={() => markRun("success", "Marked the run success.")}>
          Mark run success
        </Button>
        <Button variant="danger" disabled={pending || runState === "failed"} onClick={() => markRun("failed", "Marked the run failed; running tries were stopped.")}>
          Mark run failed
        </Button>
      </div>
      {message ? (
        <p role="status" className={`mt-2 text-sm ${message.kind === "ok" ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}>
          {message.text}
        </p>
      ) : null}
      {tasks.length ? (
        <div className="mt-3 flex flex-col gap-3 border-t border-slate-100 pt-3 sm:flex-row sm:items-start dark:border-slate-800">
          <div className="flex flex-col gap-1">
            <label htmlFor={selectId} className="text-xs text-slate-500 dark:text-slate-400">
              Task
            </label>
            <select
              id={selectId}
              value={taskId}
              onChange={(e) => setTaskId(e.target.value)}
              className="rounded-lg border border-slate-300 bg-white px-2.5 py-2 font-mono text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
            >
              {ordered.map((t) => (
                <option key={t.taskId} value={t.taskId}>
                  {t.taskId} ({t.state})
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-0 flex-1 sm:pt-5">
            <TaskActions scope={scope} dagId={dagId} runId={runId} taskId={taskId} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
