"use client";
// Add or edit a variable: key, value (text or JSON), description, and the secret flag
// (always on for keys that look secret, as Airflow decides). A secret value is write-only.
import { useActionState, useEffect, useState } from "react";
import { shouldHideValueForKey } from "@/lib/domain/connections";
import { FormAlert, SubmitButton, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE, type FormState } from "@/app/(auth)/_components/form-state";
import { createVariableAction, updateVariableAction, type EnvScope } from "../actions";

const inputClass =
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 ";
const ok = "border-slate-300 focus:border-brand-500 focus:ring-brand-500/30 dark:border-slate-700";
const bad = "border-red-500 focus:ring-red-500/30";

export interface VariableFormInitial {
  key: string;
  value: string | null;
  description: string | null;
  is_secret: boolean;
}

export function VariableForm({ scope, initial }: { scope: EnvScope; initial?: VariableFormInitial }) {
  const mode = initial ? "edit" : "create";
  const action = initial ? updateVariableAction.bind(null, scope, initial.key, initial.is_secret) : createVariableAction.bind(null, scope);
  const [state, formAction] = useActionState<FormState, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  const [key, setKey] = useState(initial?.key ?? state.values?.key ?? "");
  useEffect(() => {
    if (mode === "create" && state.notice) setKey("");
  }, [mode, state.notice]);
  const forced = shouldHideValueForKey(key);
  const [secret, setSecret] = useState(initial?.is_secret ?? false);
  const isSecret = forced || secret;
  const e = state.fields ?? {};
  const labels: Record<string, string> = { key: "Key", value: "Value", description: "Description" };
  const help = (name: string, hint?: React.ReactNode) =>
    e[name] ? (
      <p id={`vf-${name}-error`} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
        {/^[A-Z]/.test(e[name]) ? e[name] : `${labels[name]} ${e[name]}`}
      </p>
    ) : hint ? (
      <p id={`vf-${name}-hint`} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
        {hint}
      </p>
    ) : null;
  const valueSet = initial?.is_secret === true;

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4" aria-label={mode === "create" ? "New variable" : `Edit ${initial?.key}`} key={mode === "create" ? state.notice : undefined}>
      {state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="vf-key" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Key
          </label>
          <input
            id="vf-key"
            name="key"
            value={key}
            onChange={(ev) => setKey(ev.target.value)}
            readOnly={mode === "edit"}
            aria-invalid={e.key ? true : undefined}
            aria-describedby={e.key ? "vf-key-error" : "vf-key-hint"}
            autoComplete="off"
            spellCheck={false}
            placeholder="s3_bucket"
            className={`${inputClass} font-mono ${mode === "edit" ? "bg-slate-50 dark:bg-slate-800/60" : ""} ${e.key ? bad : ok}`}
          />
          {help("key", <>Tasks read it as <code className="font-mono">{`{{ var.value.${key || "key"} }}`}</code>.</>)}
        </div>
        <div>
          <label htmlFor="vf-description" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Description
          </label>
          <input id="vf-description" name="description" defaultValue={state.values?.description ?? initial?.description ?? ""} aria-invalid={e.description ? true : undefined} className={`${inputClass} ${e.description ? bad : ok}`} />
          {help("description")}
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="vf-value" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Value
          </label>
          {isSecret ? (
            <input
              id="vf-value"
              name="value"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              placeholder={valueSet ? "•••••••• (set)" : ""}
              aria-invalid={e.value ? true : undefined}
              aria-describedby={e.value ? "vf-value-error" : "vf-value-hint"}
              className={`${inputClass} font-mono ${e.value ? bad : ok}`}
            />
          ) : (
            <textarea
              id="vf-value"
              name="value"
              rows={3}
              spellCheck={false}
              defaultValue={state.values?.value ?? initial?.value ?? ""}
              aria-invalid={e.value ? true : undefined}
              aria-describedby={e.value ? "vf-value-error" : "vf-value-hint"}
              placeholder='text, or JSON such as {"bucket": "raw"}'
              className={`${inputClass} font-mono ${e.value ? bad : ok}`}
            />
          )}
          {help("value", valueSet && isSecret ? "Set — leave blank to keep it." : isSecret ? "Write-only: encrypted, never shown again, masked in task logs." : <>JSON is read with <code className="font-mono">var.json.&lt;key&gt;</code>.</>)}
        </div>
      </div>
      <label className="inline-flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
        <input type="checkbox" name="is_secret" checked={isSecret} disabled={forced} onChange={(ev) => setSecret(ev.target.checked)} className="h-4 w-4 rounded border-slate-300 text-brand-600 dark:border-slate-600" />
        Secret
        <span className="text-xs text-slate-500 dark:text-slate-400">{forced ? "(always, because the key looks secret)" : "(encrypted, write-only, masked in logs)"}</span>
      </label>
      {forced ? <input type="hidden" name="is_secret" value="on" /> : null}
      <div className="w-40">
        <SubmitButton pendingLabel={mode === "create" ? "Adding…" : "Saving…"}>{mode === "create" ? "Add variable" : "Save changes"}</SubmitButton>
      </div>
    </form>
  );
}
