"use client";
// Promotes the shown version to the chosen environment, then opens the DAG there.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { promoteDagAction, type EnvScope } from "../../actions";

export function PromoteButton({ target, dagId, fromEnvironmentId, version, label, targetDagHref }: { target: EnvScope; dagId: string; fromEnvironmentId: string; version: string; label: string; targetDagHref: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            setError(null);
            const result = await promoteDagAction(target, dagId, fromEnvironmentId, version);
            if (result.ok) router.push(`${targetDagHref}?deployed=${result.data.outcome}`);
            else setError(result.error.message);
          })
        }
        className="inline-flex items-center gap-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60 dark:bg-brand-500 dark:hover:bg-brand-400"
      >
        {pending ? "Promoting…" : label}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
