"use client";
// Import from Airflow's connection URI (postgres://user:pass@host:5432/db?sslmode=require),
// e.g. the value of an AIRFLOW_CONN_… variable. The URI is never sent back to the page.
import { useActionState } from "react";
import { FormAlert, SubmitButton, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE, type FormState } from "@/app/(auth)/_components/form-state";
import { importConnectionAction, type EnvScope } from "../actions";

const inputClass =
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 ";
const ok = "border-slate-300 focus:border-brand-500 focus:ring-brand-500/30 dark:border-slate-700";
const bad = "border-red-500 focus:ring-red-500/30";

export function ImportUriForm({ scope }: { scope: EnvScope }) {
  const [state, action] = useActionState<FormState, FormData>(importConnectionAction.bind(null, scope), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  const e = state.fields ?? {};
  return (
    <form ref={formRef} action={action} noValidate className="space-y-4" aria-label="Import from a URI">
      <FormAlert message={state.fields ? undefined : state.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="imp-connection_id" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Connection id
          </label>
          <input id="imp-connection_id" name="connection_id" defaultValue={state.values?.connection_id ?? ""} aria-invalid={e.connection_id ? true : undefined} aria-describedby={e.connection_id ? "imp-connection_id-error" : undefined} autoComplete="off" spellCheck={false} placeholder="my_postgres" className={`${inputClass} font-mono ${e.connection_id ? bad : ok}`} />
          {e.connection_id ? <p id="imp-connection_id-error" className="mt-1.5 text-sm text-red-600 dark:text-red-400">{e.connection_id}</p> : null}
        </div>
        <div>
          <label htmlFor="imp-description" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Description
          </label>
          <input id="imp-description" name="description" defaultValue={state.values?.description ?? ""} className={`${inputClass} ${ok}`} />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="imp-uri" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Connection URI
          </label>
          <input id="imp-uri" name="uri" type="password" autoComplete="off" spellCheck={false} aria-invalid={e.uri ? true : undefined} aria-describedby={e.uri ? "imp-uri-error" : "imp-uri-hint"} placeholder="postgres://user:password@host:5432/database" className={`${inputClass} font-mono ${e.uri ? bad : ok}`} />
          {e.uri ? (
            <p id="imp-uri-error" className="mt-1.5 text-sm text-red-600 dark:text-red-400">
              {e.uri}
            </p>
          ) : (
            <p id="imp-uri-hint" className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
              Airflow&rsquo;s format, as in <code className="font-mono">AIRFLOW_CONN_…</code>: the type is the scheme, special characters percent-encoded, options as query parameters. Hidden while you type, encrypted when saved.
            </p>
          )}
        </div>
      </div>
      <div className="w-56">
        <SubmitButton pendingLabel="Importing…">Import connection</SubmitButton>
      </div>
    </form>
  );
}
