"use client";
import { useActionState } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE } from "@/app/(auth)/_components/form-state";
import { renameOrganizationAction } from "./actions";

export function OrganizationNameForm({ orgSlug, name, canEdit }: { orgSlug: string; name: string; canEdit: boolean }) {
  const [state, action] = useActionState(renameOrganizationAction.bind(null, orgSlug), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  if (!canEdit) {
    return (
      <div>
        <p className="text-sm font-medium text-slate-700 dark:text-slate-300">Organization name</p>
        <p className="mt-1.5 text-sm text-slate-900 dark:text-slate-100">{name}</p>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Only admins and owners can rename the organization.</p>
      </div>
    );
  }
  return (
    <form ref={formRef} action={action} noValidate className="max-w-md space-y-4">
      {state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />}
      <TextField
        name="name"
        label="Organization name"
        defaultValue={state.values?.name ?? name}
        required
        error={state.fields?.name}
        hint="Shown in the switcher and in emails. The URL keeps its slug."
      />
      <div className="w-32">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
