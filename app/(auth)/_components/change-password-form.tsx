"use client";
// For the account settings page: current + new password. This session stays logged in.
import { useActionState } from "react";
import { changePasswordAction } from "../_actions/change-password";
import { EMPTY_FORM_STATE } from "./form-state";
import { FormAlert, PasswordField, SubmitButton, useFocusFirstError } from "./fields";

export function ChangePasswordForm({ minPasswordLength = 10 }: { minPasswordLength?: number }) {
  const [state, action] = useActionState(changePasswordAction, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  return (
    <form ref={formRef} action={action} noValidate className="max-w-sm space-y-5">
      {state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />}
      <PasswordField name="currentPassword" label="Current password" autoComplete="current-password" required error={state.fields?.currentPassword} />
      <PasswordField
        name="newPassword"
        label="New password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        error={state.fields?.newPassword}
        hint={`At least ${minPasswordLength} characters. Your other sessions will be logged out.`}
      />
      <div className="w-44">
        <SubmitButton pendingLabel="Saving…">Change password</SubmitButton>
      </div>
    </form>
  );
}
