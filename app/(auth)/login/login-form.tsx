"use client";
import Link from "next/link";
import { useActionState } from "react";
import { logInAction } from "./actions";
import { EMPTY_FORM_STATE } from "../_components/form-state";
import { FormAlert, PasswordField, SubmitButton, TextField, useFocusFirstError } from "../_components/fields";

export function LoginForm({ next, notice, problem }: { next?: string; notice?: string; problem?: string }) {
  const [state, action] = useActionState(logInAction, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  return (
    <form ref={formRef} action={action} noValidate className="space-y-5">
      {state.message || problem ? <FormAlert message={state.message ?? problem} /> : <FormAlert message={notice} tone="success" />}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        autoFocus
        required
        defaultValue={state.values?.email}
        error={state.fields?.email}
        placeholder="you@company.com"
      />
      <PasswordField
        name="password"
        label="Password"
        autoComplete="current-password"
        required
        error={state.fields?.password}
      />
      <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-600 hover:text-brand-700 hover:underline dark:text-brand-400 dark:hover:text-brand-300">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}
