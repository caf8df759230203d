"use client";
// Add a pool (name, slots, description) or resize / describe one (the name is fixed).
import { useActionState } from "react";
import { FormAlert, SubmitButton, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE, type FormState } from "@/app/(auth)/_components/form-state";
import { createPoolAction, updatePoolAction, type EnvScope } from "../actions";

const inputClass =
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 ";
const ok = "border-slate-300 focus:border-brand-500 focus:ring-brand-500/30 dark:border-slate-700";
const bad = "border-red-500 focus:ring-red-500/30";

export interface PoolFormInitial {
  name: string;
  slots: number;
  description: string | null;
}

export function PoolForm({ scope, initial }: { scope: EnvScope; initial?: PoolFormInitial }) {
  const mode = initial ? "edit" : "create";
  const action = initial ? updatePoolAction.bind(null, scope, initial.name) : createPoolAction.bind(null, scope);
  const [state, formAction] = useActionState<FormState, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  const e = state.fields ?? {};
  const labels: Record<string, string> = { name: "Name", slots: "Slots", description: "Description" };
  const help = (name: string, hint?: React.ReactNode) =>
    e[name] ? (
      <p id={`pf-${name}-error`} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
        {/^[A-Z]/.test(e[name]) ? e[name] : `${labels[name]} ${e[name]}`}
      </p>
    ) : hint ? (
      <p id={`pf-${name}-hint`} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
        {hint}
      </p>
    ) : null;
  // After a successful create the form starts empty again (its key changes).
  const values = mode === "create" && state.notice ? {} : (state.values ?? {});

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-4" aria-label={mode === "create" ? "New pool" : `Edit ${initial?.name}`} key={mode === "create" ? state.notice : undefined}>
      {state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />}
      <div className="grid gap-4 sm:grid-cols-2">
        {mode === "create" ? (
          <div>
            <label htmlFor="pf-name" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Name
            </label>
            <input
              id="pf-name"
              name="name"
              defaultValue={values.name ?? ""}
              aria-invalid={e.name ? true : undefined}
              aria-describedby={e.name ? "pf-name-error" : "pf-name-hint"}
              autoComplete="off"
              spellCheck={false}
              placeholder="warehouse"
              className={`${inputClass} font-mono ${e.name ? bad : ok}`}
            />
            {help("name", <>Tasks use it with <code className="font-mono">pool: {values.name || "warehouse"}</code>.</>)}
          </div>
        ) : null}
        <div>
          <label htmlFor="pf-slots" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Slots
          </label>
          <input
            id="pf-slots"
            name="slots"
            type="number"
            inputMode="numeric"
            step={1}
            min={-1}
            defaultValue={values.slots ?? (initial ? String(initial.slots) : "")}
            aria-invalid={e.slots ? true : undefined}
            aria-describedby={e.slots ? "pf-slots-error" : "pf-slots-hint"}
            placeholder="4"
            className={`${inputClass} tabular-nums ${e.slots ? bad : ok}`}
          />
          {help("slots", "How many tries may run at once. 0 holds every task; -1 means no limit.")}
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="pf-description" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Description
          </label>
          <input
            id="pf-description"
            name="description"
            defaultValue={values.description ?? initial?.description ?? ""}
            aria-invalid={e.description ? true : undefined}
            aria-describedby={e.description ? "pf-description-error" : undefined}
            placeholder="Snowflake: at most 4 queries at a time"
            className={`${inputClass} ${e.description ? bad : ok}`}
          />
          {help("description")}
        </div>
      </div>
      <div className="w-40">
        <SubmitButton pendingLabel={mode === "create" ? "Adding…" : "Saving…"}>{mode === "create" ? "Add pool" : "Save changes"}</SubmitButton>
      </div>
    </form>
  );
}
