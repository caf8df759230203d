"use client";
import { useActionState } from "react";
import { FormAlert, PasswordField, SubmitButton, TextField, useFocusFirstError } from "../../_components/fields";
import { EMPTY_FORM_STATE } from "../../_components/form-state";
import { acceptInvitationAction } from "./accept-action";
import { signUpFromInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, organizationName }: { token: string; organizationName: string }) {
  const [state, action] = useActionState(acceptInvitationAction.bind(null, token), EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-4">
      <FormAlert message={state.message} />
      <SubmitButton pendingLabel="Joining…">Join {organizationName}</SubmitButton>
    </form>
  );
}

export function InvitationSignUpForm({ token, email, minPasswordLength }: { token: string; email: string; minPasswordLength: number }) {
  const [state, action] = useActionState(signUpFromInvitationAction.bind(null, token), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-5">
      <FormAlert message={state.message} />
      <dl>
        <dt className="text-sm font-medium text-slate-700 dark:text-slate-300">Email</dt>
        <dd className="mt-1.5 text-sm text-slate-900 dark:text-slate-100">{email}</dd>
        <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">The invitation is for this address; it becomes your login.</dd>
      </dl>
      <TextField name="name" label="Your name" autoComplete="name" autoFocus required maxLength={100} defaultValue={state.values?.name} error={state.fields?.name} placeholder="Ada Lovelace" />
      <PasswordField
        name="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        error={state.fields?.password}
        hint={`At least ${minPasswordLength} characters. A few unrelated words work well.`}
      />
      <SubmitButton pendingLabel="Creating your account…">Create account and join</SubmitButton>
    </form>
  );
}
