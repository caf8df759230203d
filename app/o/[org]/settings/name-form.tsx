"use client";
import { useActionState } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE } from "@/app/(auth)/_components/form-state";
import { renameOrganizationAction } from "./actions";

export function OrganizationNameForm({ orgSlug, name, canEdit }: { orgSlug: string; name: string; canEdit: boolean }) {
  const [state, action] = useActionState(renameOrganizationAction.bind(null, orgSlug), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  return (
    <form ref={formRef} action={action} noValidate className="max-w-md space-y-4">
      {state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />}
      <TextField
        name="name"
        label="Organization name"
        defaultValue={state.values?.name ?? name}
        required
        disabled={!canEdit}
        error={state.fields?.name}
        hint={canEdit ? "Shown in the switcher and in emails. The URL keeps its slug." : "Only admins and owners can rename the organization."}
      />
      {canEdit ? (
        <div className="w-32">
          <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        </div>
      ) : null}
    </form>
  );
}
