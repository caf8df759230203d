"use client";
// The paused/active switch of a DAG (Airflow's toggle). Optimistic, rolled back with the
// server's message when the action is refused.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setDagPausedAction, type EnvScope } from "../actions";

export function PauseToggle({ scope, dagId, isPaused, canPause, size = "sm" }: { scope: EnvScope; dagId: string; isPaused: boolean; canPause: boolean; size?: "sm" | "md" }) {
  const [paused, setPaused] = useState(isPaused);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const active = !paused;
  const toggle = () => {
    const next = !paused;
    setPaused(next);
    setError(null);
    startTransition(async () => {
      const result = await setDagPausedAction(scope, dagId, next);
      if (!result.ok) {
        setPaused(!next);
        setError(result.error.message);
      } else router.refresh();
    });
  };
  const dims = size === "md" ? "h-6 w-11" : "h-5 w-9";
  const knob = size === "md" ? "h-5 w-5" : "h-4 w-4";
  const shift = size === "md" ? "translate-x-5" : "translate-x-4";
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={active}
        aria-label={`${dagId}: ${active ? "active, click to pause" : "paused, click to unpause"}`}
        title={canPause ? (active ? "Pause DAG" : "Unpause DAG") : "Operators and above can pause and unpause"}
        disabled={!canPause || pending}
        onClick={toggle}
        className={`relative inline-flex ${dims} flex-none items-center rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-60 ${
          active ? "bg-brand-600 dark:bg-brand-500" : "bg-slate-300 dark:bg-slate-700"
        }`}
      >
        <span className={`inline-block ${knob} transform rounded-full bg-white shadow transition ${active ? shift : "translate-x-0.5"}`} />
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </span>
  );
}
