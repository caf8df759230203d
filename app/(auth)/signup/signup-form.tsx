"use client";
import Link from "next/link";
import { useActionState } from "react";
import { signUpAction } from "./actions";
import { EMPTY_FORM_STATE } from "../_components/form-state";
import { FormAlert, PasswordField, SubmitButton, TextField, useFocusFirstError } from "../_components/fields";

export function SignupForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [state, action] = useActionState(signUpAction, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  const emailTaken = state.fields?.email?.startsWith("An account with this email already exists");
  return (
    <form ref={formRef} action={action} noValidate className="space-y-5">
      <FormAlert message={state.message} />
      <TextField name="name" label="Your name" autoComplete="name" autoFocus required maxLength={100} defaultValue={state.values?.name} error={state.fields?.name} placeholder="Ada Lovelace" />
      <TextField
        name="email"
        label="Work email"
        type="email"
        inputMode="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fields?.email}
        placeholder="you@company.com"
      />
      {emailTaken ? (
        <p className="-mt-3 text-sm">
          <Link href="/login" className="font-medium text-brand-600 hover:underline dark:text-brand-400">
            Log in
          </Link>
          <span className="text-slate-400"> · </span>
          <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline dark:text-brand-400">
            Reset your password
          </Link>
        </p>
      ) : null}
      <PasswordField
        name="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        error={state.fields?.password}
        hint={`At least ${minPasswordLength} characters. A few unrelated words work well.`}
      />
      <TextField
        name="organizationName"
        label="Organization"
        autoComplete="organization"
        required
        maxLength={80}
        defaultValue={state.values?.organizationName}
        error={state.fields?.organizationName}
        placeholder="Acme Data"
        hint="Your company or team. You can invite colleagues and add workspaces later."
      />
      <SubmitButton pendingLabel="Creating your workspace…">Create account</SubmitButton>
      <p className="text-center text-xs text-slate-500 dark:text-slate-400">
        You get a workspace with <span className="font-medium text-slate-700 dark:text-slate-300">dev</span>,{" "}
        <span className="font-medium text-slate-700 dark:text-slate-300">stg</span> and{" "}
        <span className="font-medium text-slate-700 dark:text-slate-300">prd</span> environments.
      </p>
    </form>
  );
}
