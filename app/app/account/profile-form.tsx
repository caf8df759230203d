"use client";
import { useActionState } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE } from "@/app/(auth)/_components/form-state";
import { updateProfileAction } from "./actions";

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const [state, action] = useActionState(updateProfileAction, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  return (
    <form ref={formRef} action={action} noValidate className="max-w-sm space-y-5">
      {state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />}
      <TextField name="name" label="Name" autoComplete="name" defaultValue={state.values?.name ?? name} required error={state.fields?.name} />
      <div>
        <p className="text-sm font-medium text-slate-700 dark:text-slate-300">Email</p>
        <p className="mt-1.5 text-sm text-slate-900 dark:text-slate-100">{email}</p>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Changing your email is not possible yet.</p>
      </div>
      <div className="w-32">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
