"use client";
// Delete with confirmation: the first click asks, naming what breaks; the second deletes.
import { useState, useTransition } from "react";
import { Button } from "@/app/_components/button";
import type { ActionResult } from "@/lib/server/authz";

export function DeleteButton({ what, consequence, onDelete }: { what: string; consequence: string; onDelete: () => Promise<ActionResult | void> }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!asking) {
    return (
      <Button type="button" variant="secondary" className="!text-red-700 dark:!text-red-300" onClick={() => setAsking(true)}>
        Delete…
      </Button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="confirm-delete-title" aria-describedby="confirm-delete-body" className="rounded-lg border border-red-200 bg-red-50 p-4 dark:border-red-900/60 dark:bg-red-950/40">
      <p id="confirm-delete-title" className="text-sm font-semibold text-red-900 dark:text-red-100">
        Delete {what}?
      </p>
      <p id="confirm-delete-body" className="mt-1 text-sm text-red-800 dark:text-red-200">
        {consequence} This cannot be undone.
      </p>
      {error ? <p className="mt-2 text-sm font-medium text-red-900 dark:text-red-100">{error}</p> : null}
      <div className="mt-3 flex gap-2">
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await onDelete();
              if (result && !result.ok) setError(result.error.message);
            })
          }
        >
          {pending ? "Deleting…" : `Delete ${what}`}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setAsking(false)} autoFocus>
          Cancel
        </Button>
      </div>
    </div>
  );
}
