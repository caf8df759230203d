"use client";
// Create an API token. The secret comes back once: it is shown with a copy button and a
// curl example, and is gone when the person leaves the page.
import { useActionState, useEffect, useRef, useState } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { buttonClass } from "@/app/_components/button";
import { createApiTokenAction, type CreateTokenState, type EnvScope } from "./actions";

type Choice = { value: string; label: string };

export function CreateTokenForm({
  scope,
  environmentId,
  roles,
  expiries,
  defaultExpiry,
}: {
  scope: EnvScope;
  environmentId: string;
  roles: Choice[];
  expiries: Choice[];
  defaultExpiry: string;
}) {
  const [state, action] = useActionState(createApiTokenAction.bind(null, scope), {} as CreateTokenState);
  const formRef = useFocusFirstError(state);
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    if (state.created) setFormKey((k) => k + 1); // a fresh, empty form for the next token
  }, [state.created]);

  return (
    <div className="space-y-6">
      {state.created ? <NewSecret created={state.created} environmentId={environmentId} /> : null}
      <form key={formKey} ref={formRef} action={action} noValidate className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start">
        {state.message ? (
          <div className="sm:col-span-4">
            <FormAlert message={state.message} />
          </div>
        ) : null}
        <TextField
          name="name"
          label="Name"
          placeholder="e.g. github-actions-deploy"
          defaultValue={state.created ? "" : (state.values?.name ?? "")}
          error={state.fields?.name}
          hint="What will use it, so you know what breaks when you revoke it."
          required
          maxLength={80}
          autoComplete="off"
        />
        <Select
          name="role"
          label="Role"
          choices={roles}
          defaultValue={state.values?.role ?? roles[0]?.value ?? "viewer"}
          error={state.fields?.role}
          hint="Viewer reads; operator also triggers and clears runs; editor also deploys; admin also manages."
        />
        <Select name="expiresInDays" label="Expires after" choices={expiries} defaultValue={state.values?.expiresInDays ?? defaultExpiry} error={state.fields?.expiresInDays} />
        <div className="sm:pt-7">
          <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
        </div>
      </form>
    </div>
  );
}

function Select({ name, label, choices, defaultValue, error, hint }: { name: string; label: string; choices: Choice[]; defaultValue: string; error?: string; hint?: string }) {
  const id = `field-${name}`;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1.5 block w-full rounded-lg border bg-white px-3 py-2.5 text-sm text-slate-900 shadow-sm focus:outline-none focus:ring-2 dark:bg-slate-900 dark:text-slate-100 ${
          error ? "border-red-500 focus:ring-red-500/30" : "border-slate-300 focus:border-brand-500 focus:ring-brand-500/30 dark:border-slate-700"
        }`}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function NewSecret({ created, environmentId }: { created: NonNullable<CreateTokenState["created"]>; environmentId: string }) {
  const [copied, setCopied] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    boxRef.current?.focus();
  }, [created.secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false); // clipboard refused (permissions): the field stays selectable
    }
  };
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <div
      ref={boxRef}
      tabIndex={-1}
      role="status"
      aria-labelledby="new-token-title"
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 focus:outline-none dark:border-emerald-800 dark:bg-emerald-950/40"
    >
      <p id="new-token-title" className="text-sm font-semibold text-emerald-900 dark:text-emerald-100">
        Token “{created.name}” created ({created.role}, expires {new Date(created.expiresAt).toISOString().slice(0, 10)})
      </p>
      <p className="mt-1 text-sm text-emerald-800 dark:text-emerald-200">Copy it now. It is shown only once: Windsock keeps a hash, not the token.</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-token-secret" className="sr-only">
          New API token
        </label>
        <input
          id="new-token-secret"
          readOnly
          value={created.secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-emerald-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 dark:border-emerald-800 dark:bg-slate-950 dark:text-slate-100"
        />
        <button type="button" onClick={copy} className={buttonClass("primary")}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <span aria-live="polite" className="sr-only">
        {copied ? "Token copied to the clipboard" : ""}
      </span>
      <pre className="mt-3 overflow-x-auto rounded-lg bg-slate-950 px-3 py-2 font-mono text-xs leading-5 text-slate-200">
        <code>{`curl -H "Authorization: Bearer ${created.secret.slice(0, 12)}…" \\\n  ${origin}/api/v1/environments/${environmentId}/dags`}</code>
      </pre>
    </div>
  );
}
