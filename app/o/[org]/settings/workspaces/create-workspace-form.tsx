"use client";
import { useActionState } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE } from "@/app/(auth)/_components/form-state";
import { createWorkspaceAction } from "../actions";

export function CreateWorkspaceForm({ orgSlug }: { orgSlug: string }) {
  const [state, action] = useActionState(createWorkspaceAction.bind(null, orgSlug), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <FormAlert message={state.message} />
      <TextField
        name="name"
        label="Workspace name"
        placeholder="e.g. Data platform"
        defaultValue={state.values?.name}
        required
        error={state.fields?.name}
        hint="Comes with dev, stg and prd environments."
        className="flex-1 sm:max-w-sm"
      />
      <div className="w-44 sm:mt-7">
        <SubmitButton pendingLabel="Creating…">Create workspace</SubmitButton>
      </div>
    </form>
  );
}
