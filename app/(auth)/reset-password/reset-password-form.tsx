"use client";
import Link from "next/link";
import { useActionState } from "react";
import { resetPasswordAction } from "./actions";
import { EMPTY_FORM_STATE } from "../_components/form-state";
import { FormAlert, PasswordField, SubmitButton, useFocusFirstError } from "../_components/fields";

export function ResetPasswordForm({ token, minPasswordLength }: { token: string; minPasswordLength: number }) {
  const [state, action] = useActionState(resetPasswordAction, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  if (state.values?.tokenInvalid) return <InvalidLink message={state.message} />;
  return (
    <form ref={formRef} action={action} noValidate className="space-y-5">
      <FormAlert message={state.message} />
      <input type="hidden" name="token" value={token} />
      <PasswordField
        name="password"
        label="New password"
        autoComplete="new-password"
        autoFocus
        required
        minLength={minPasswordLength}
        error={state.fields?.password}
        hint={`At least ${minPasswordLength} characters.`}
      />
      <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}

export function InvalidLink({ message }: { message?: string }) {
  return (
    <div className="space-y-6">
      <FormAlert message={message ?? "This reset link is invalid, expired or already used. Request a new one."} />
      <Link
        href="/forgot-password"
        className="flex w-full items-center justify-center rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:bg-brand-500 dark:hover:bg-brand-400"
      >
        Request a new link
      </Link>
    </div>
  );
}
