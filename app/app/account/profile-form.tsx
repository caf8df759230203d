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
      <TextField name="email" label="Email" value={email} readOnly disabled hint="Changing your email is not possible yet." />
      <div className="w-32">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
