"use client";
// Delete a DAG, keeping its history (default) or purging it, in a confirm dialog.
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { deleteDagAction, type EnvScope } from "../actions";

export function DeleteDagButton({ scope, dagId, dagsBase }: { scope: EnvScope; dagId: string; dagsBase: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [purge, setPurge] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const confirm = () =>
    start(async () => {
      const result = await deleteDagAction(scope, dagId, purge);
      if (result.ok) router.push(dagsBase);
      else setError(result.error.message);
    });
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="inline-flex items-center gap-1.5 rounded-lg px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-500 dark:text-red-400 dark:hover:bg-red-500/10"
      >
        Delete
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-dag-title"
        className="m-auto w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id="delete-dag-title" className="text-lg font-semibold">
          Delete {dagId}?
        </h2>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          The DAG stops being scheduled and leaves the list. Its versions and runs are kept: deploying <span className="font-mono">{dagId}</span> again brings them back.
        </p>
        <label className="mt-4 flex items-start gap-3 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
          <input type="checkbox" checked={purge} onChange={(e) => setPurge(e.target.checked)} className="mt-0.5 h-4 w-4 accent-red-600" />
          <span>
            <span className="font-medium">Also purge its history</span>
            <span className="block text-slate-500 dark:text-slate-400">Every version, run, task log and XCom of this DAG is deleted for good.</span>
          </span>
        </label>
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
        <div className="mt-6 flex justify-end gap-2">
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
          >
            Cancel
          </button>
          <button type="button" disabled={pending} onClick={confirm} className="rounded-lg bg-red-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60">
            {pending ? "Deleting…" : purge ? "Delete and purge" : "Delete DAG"}
          </button>
        </div>
      </dialog>
    </>
  );
}
