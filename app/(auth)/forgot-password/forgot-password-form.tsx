"use client";
import Link from "next/link";
import { useActionState } from "react";
import { requestResetAction } from "./actions";
import { EMPTY_FORM_STATE } from "../_components/form-state";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "../_components/fields";

export function ForgotPasswordForm() {
  const [state, action] = useActionState(requestResetAction, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  if (state.notice) {
    return (
      <div className="space-y-6">
        <FormAlert message={state.notice} tone="success" />
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No mail after a few minutes? Check your spam folder, or{" "}
          <button type="button" onClick={() => window.location.reload()} className="font-medium text-brand-600 hover:underline dark:text-brand-400">
            try again
          </button>
          .
        </p>
        <Link href="/login" className="inline-flex text-sm font-medium text-brand-600 hover:underline dark:text-brand-400">
          ← Back to log in
        </Link>
      </div>
    );
  }
  return (
    <form ref={formRef} action={action} noValidate className="space-y-5">
      <FormAlert message={state.message} />
      <TextField
        name="email"
        label="Email"
        type="email"
        inputMode="email"
        autoComplete="email"
        autoFocus
        required
        defaultValue={state.values?.email}
        error={state.fields?.email}
        placeholder="you@company.com"
      />
      <SubmitButton pendingLabel="Sending…">Send reset link</SubmitButton>
      <p className="text-center text-sm">
        <Link href="/login" className="font-medium text-brand-600 hover:underline dark:text-brand-400">
          ← Back to log in
        </Link>
      </p>
    </form>
  );
}
