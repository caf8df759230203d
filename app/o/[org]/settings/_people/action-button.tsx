"use client";
// A one-button form for a server action (remove, revoke, delete), with an inline
// confirmation step for destructive ones and the refusal shown next to the button.
import { useActionState, useEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/app/_components/button";
import type { FormState } from "@/app/(auth)/_components/form-state";

export function ActionButton({
  action,
  label,
  pendingLabel,
  confirmLabel,
  confirmText,
  variant = "secondary",
  accessibleName,
}: {
  action: () => Promise<FormState>;
  label: string;
  pendingLabel: string;
  /** When set, the first click asks again ("Remove Ada?") before the action runs. */
  confirmLabel?: string;
  confirmText?: string;
  variant?: "secondary" | "danger" | "ghost" | "primary";
  /** A longer name for screen readers, e.g. "Remove Ada from Data team". */
  accessibleName?: string;
}) {
  const [state, formAction] = useActionState(async () => action(), {} as FormState);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <form action={formAction} className="flex flex-col items-end gap-1.5">
      {confirmLabel && !confirming ? (
        <button ref={openRef} type="button" onClick={() => setConfirming(true)} aria-label={accessibleName} className={buttonClass(variant === "danger" ? "secondary" : variant, "px-2.5 py-1.5 text-xs")}>
          {label}
        </button>
      ) : (
        <div role={confirming ? "group" : undefined} aria-label={confirming ? confirmText : undefined} className="flex flex-wrap items-center justify-end gap-2">
          {confirming && confirmText ? <span className="text-xs text-slate-600 dark:text-slate-400">{confirmText}</span> : null}
          <Submit ref={confirmRef} variant={variant} pendingLabel={pendingLabel} accessibleName={confirming ? undefined : accessibleName}>
            {confirming ? confirmLabel : label}
          </Submit>
          {confirming ? (
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => openRef.current?.focus());
              }}
              className={buttonClass("ghost", "px-2.5 py-1.5 text-xs")}
            >
              Cancel
            </button>
          ) : null}
        </div>
      )}
      {state.message ? (
        <p role="alert" className="max-w-xs text-right text-xs text-red-600 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

function Submit({ children, pendingLabel, variant, accessibleName, ref }: { children: React.ReactNode; pendingLabel: string; variant: "secondary" | "danger" | "ghost" | "primary"; accessibleName?: string; ref?: React.Ref<HTMLButtonElement> }) {
  const { pending } = useFormStatus();
  return (
    <button ref={ref} type="submit" disabled={pending} aria-label={accessibleName} className={buttonClass(variant, "px-2.5 py-1.5 text-xs")}>
      {pending ? pendingLabel : children}
    </button>
  );
}
