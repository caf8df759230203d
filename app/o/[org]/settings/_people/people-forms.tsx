"use client";
// The people forms: create/rename a group, add a member, bind a role, invite by email.
import { useActionState } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE } from "@/app/(auth)/_components/form-state";
import { ROLE_LABELS, type Role } from "@/lib/domain/authz";
import { addGroupMemberAction, createBindingAction, createGroupAction, inviteMemberAction, renameGroupAction } from "../people-actions";
import { SelectField } from "./select-field";

function Alerts({ state }: { state: { message?: string; notice?: string } }) {
  return state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />;
}

export function CreateGroupForm({ orgSlug }: { orgSlug: string }) {
  const [state, action] = useActionState(createGroupAction.bind(null, orgSlug), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-4">
      <Alerts state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label="Group name" placeholder="e.g. Data team" required maxLength={60} defaultValue={state.values?.name} error={state.fields?.name} />
        <TextField name="description" label="Description (optional)" placeholder="Who is in it, what it is for" maxLength={300} defaultValue={state.values?.description} error={state.fields?.description} />
      </div>
      <div className="w-40">
        <SubmitButton pendingLabel="Creating…">Create group</SubmitButton>
      </div>
    </form>
  );
}

export function RenameGroupForm({ orgSlug, groupId, name, description, nameLocked }: { orgSlug: string; groupId: string; name: string; description: string; nameLocked: boolean }) {
  const [state, action] = useActionState(renameGroupAction.bind(null, orgSlug, groupId), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-4">
      <Alerts state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="name"
          label="Group name"
          required
          maxLength={60}
          readOnly={nameLocked}
          defaultValue={state.values?.name ?? name}
          error={state.fields?.name}
          hint={nameLocked ? "The Owners group keeps its name." : undefined}
        />
        <TextField name="description" label="Description" maxLength={300} defaultValue={state.values?.description ?? description} error={state.fields?.description} />
      </div>
      <div className="w-32">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}

export function AddMemberForm({ orgSlug, groupId, candidates }: { orgSlug: string; groupId: string; candidates: { userId: string; name: string; email: string }[] }) {
  const [state, action] = useActionState(addGroupMemberAction.bind(null, orgSlug, groupId), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  if (candidates.length === 0) {
    return <p className="text-sm text-slate-500 dark:text-slate-400">Every member of the organization is already in this group. Invite someone new from Invitations.</p>;
  }
  return (
    <form ref={formRef} action={action} noValidate className="space-y-3">
      <Alerts state={state} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <SelectField name="userId" label="Add a member" defaultValue="" error={state.fields?.userId} className="flex-1">
          <option value="" disabled>
            Choose a member…
          </option>
          {candidates.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.name} ({c.email})
            </option>
          ))}
        </SelectField>
        <div className="w-32 sm:mb-0">
          <SubmitButton pendingLabel="Adding…">Add</SubmitButton>
        </div>
      </div>
    </form>
  );
}

export function BindingForm({ orgSlug, groupId, scopes, roles }: { orgSlug: string; groupId: string; scopes: { value: string; label: string; group: string }[]; roles: Role[] }) {
  const [state, action] = useActionState(createBindingAction.bind(null, orgSlug, groupId), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  const byGroup = new Map<string, typeof scopes>();
  for (const s of scopes) byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), s]);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-3">
      <Alerts state={state} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <SelectField name="scope" label="Where" defaultValue={state.values?.scope ?? ""} error={state.fields?.scope} className="flex-1" hint="A binding on a workspace covers all its environments.">
          <option value="" disabled>
            Choose a scope…
          </option>
          {[...byGroup.entries()].map(([label, options]) => (
            <optgroup key={label} label={label}>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField name="role" label="Role" defaultValue={state.values?.role ?? "viewer"} error={state.fields?.role} className="sm:w-56" hint="Owner exists only on the whole organization.">
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r].label}
            </option>
          ))}
        </SelectField>
        <div className="w-36 sm:mt-7">
          <SubmitButton pendingLabel="Binding…">Add binding</SubmitButton>
        </div>
      </div>
    </form>
  );
}

export function InviteForm({ orgSlug, groups }: { orgSlug: string; groups: { id: string; name: string; summary: string }[] }) {
  const [state, action] = useActionState(inviteMemberAction.bind(null, orgSlug), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  const chosen = new Set((state.values?.groupIds ?? "").split(",").filter(Boolean));
  const groupsError = state.fields?.groupIds;
  return (
    <form ref={formRef} action={action} noValidate className="space-y-5">
      <Alerts state={state} />
      <TextField
        name="email"
        label="Email address"
        type="email"
        inputMode="email"
        autoComplete="off"
        placeholder="colleague@company.com"
        required
        className="max-w-md"
        defaultValue={state.fields ? state.values?.email : undefined}
        error={state.fields?.email}
      />
      <fieldset aria-describedby={groupsError ? "groups-error" : "groups-hint"} aria-invalid={groupsError ? true : undefined}>
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Groups</legend>
        <p id="groups-hint" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          People get access only through groups. They join these when they accept.
        </p>
        <div className="mt-3 grid gap-2 sm:grid-cols-2">
          {groups.map((g) => (
            <label
              key={g.id}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/60 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 dark:border-slate-700 dark:has-[:checked]:border-brand-400 dark:has-[:checked]:bg-brand-500/10"
            >
              <input type="checkbox" name="groupIds" value={g.id} defaultChecked={chosen.has(g.id)} aria-invalid={groupsError ? true : undefined} className="mt-0.5 h-4 w-4 flex-none accent-brand-600" />
              <span className="min-w-0">
                <span className="block font-medium text-slate-900 dark:text-white">{g.name}</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">{g.summary}</span>
              </span>
            </label>
          ))}
        </div>
        {groupsError ? (
          <p id="groups-error" className="mt-2 text-sm text-red-600 dark:text-red-400">
            {groupsError}
          </p>
        ) : null}
      </fieldset>
      <div className="w-44">
        <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}
