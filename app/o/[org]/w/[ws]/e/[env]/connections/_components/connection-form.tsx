"use client";
// The typed connection form: the fields of the chosen type (http shows only the fields of
// its auth type), secret fields write-only ("set — leave blank to keep", a box to clear),
// extra as JSON. Used to add a connection and to edit one.
import { useActionState, useId, useState } from "react";
import { CONN_TYPES, CONNECTION_TYPES, type ConnType, type FieldSpec } from "@/lib/domain/connections";
import { FormAlert, SubmitButton, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE, type FormState } from "@/app/(auth)/_components/form-state";
import { createConnectionAction, updateConnectionAction, type EnvScope } from "../actions";
import { fieldsOf, isFieldShown, kindOf } from "./field-kinds";

export interface ConnectionFormInitial {
  connection_id: string;
  conn_type: ConnType;
  description: string | null;
  values: Record<string, unknown>;
  extra: Record<string, unknown> | null;
  secrets_set: string[];
}

const inputClass =
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus:ring-2 " +
  "dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 ";
const ok = "border-slate-300 focus:border-brand-500 focus:ring-brand-500/30 dark:border-slate-700";
const bad = "border-red-500 focus:ring-red-500/30";

export function ConnectionForm({ scope, mode, initial }: { scope: EnvScope; mode: "create" | "edit"; initial?: ConnectionFormInitial }) {
  const action = mode === "create" ? createConnectionAction.bind(null, scope) : updateConnectionAction.bind(null, scope, initial!.connection_id);
  const [state, formAction] = useActionState<FormState, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  const v = state.values;
  const [connType, setConnType] = useState<ConnType>((v?.conn_type as ConnType) ?? initial?.conn_type ?? "postgres");
  const [authType, setAuthType] = useState<string>(v?.["f.auth_type"] ?? String(initial?.values.auth_type ?? "none"));
  const spec = CONNECTION_TYPES[connType];
  const err = (name: string) => state.fields?.[name];
  const extraErrors = Object.entries(state.fields ?? {}).filter(([k]) => k.startsWith("extra")).map(([k, m]) => (k === "extra" ? m : `${k.slice(6)}: ${m}`));
  const initialExtra = initial?.extra && Object.keys(initial.extra).length ? JSON.stringify(initial.extra, null, 2) : "";
  const secretsSet = new Set(initial?.secrets_set ?? []);
  const hiddenExtraSecrets = [...secretsSet].filter((s) => s.startsWith("extra.")).map((s) => s.slice(6));

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-6" aria-label={mode === "create" ? "New connection" : `Edit ${initial?.connection_id}`}>
      {state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />}
      <div className="grid gap-5 sm:grid-cols-2">
        {mode === "create" ? (
          <Field id="connection_id" label="Connection id" error={err("connection_id")} hint={<>Tasks use it as <code className="font-mono">conn.my_db</code>. Letters, digits, _ - .</>}>
            {(p) => <input {...p} name="connection_id" defaultValue={v?.connection_id ?? ""} required autoComplete="off" spellCheck={false} placeholder="my_postgres" className={`${inputClass} font-mono ${err("connection_id") ? bad : ok}`} />}
          </Field>
        ) : (
          <input type="hidden" name="connection_id" value={initial!.connection_id} />
        )}
        <Field id="conn_type" label="Type" error={err("conn_type")} hint={mode === "edit" ? "To change the type, add a new connection." : undefined}>
          {(p) => (
            <select {...p} name="conn_type" value={connType} onChange={(e) => setConnType(e.target.value as ConnType)} disabled={mode === "edit"} className={`${inputClass} ${ok}`}>
              {CONN_TYPES.map((t) => (
                <option key={t} value={t}>
                  {CONNECTION_TYPES[t].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {mode === "edit" ? <input type="hidden" name="conn_type" value={connType} /> : null}
        <Field id="description" label="Description" error={err("description")} className="sm:col-span-2">
          {(p) => <input {...p} name="description" defaultValue={v?.description ?? initial?.description ?? ""} placeholder="What it connects to, who owns it" className={`${inputClass} ${ok}`} />}
        </Field>
      </div>

      <fieldset className="rounded-xl border border-slate-200 p-4 sm:p-5 dark:border-slate-800">
        <legend className="px-1.5 text-sm font-semibold text-slate-900 dark:text-white">{spec.label}</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          {fieldsOf(connType)
            .filter((f) => isFieldShown(connType, f.name, authType))
            .map((f) => (
              <TypedField
                key={`${connType}-${f.name}`}
                field={f}
                connType={connType}
                error={err(f.name)}
                value={v ? v[`f.${f.name}`] : initial?.conn_type === connType ? initial.values[f.name] : undefined}
                isSet={secretsSet.has(f.name) && initial?.conn_type === connType}
                onAuthType={setAuthType}
                authType={authType}
              />
            ))}
        </div>
      </fieldset>

      <Field
        id="extra"
        label="Extra (JSON)"
        error={extraErrors.length ? extraErrors.join("; ") : undefined}
        hint={
          <>
            Options beyond the typed fields, as Airflow&rsquo;s <code className="font-mono">extra</code>. Keys that look secret (token, password, api_key…) are write-only.
            {hiddenExtraSecrets.length ? ` Set and kept unless you send them again or null: ${hiddenExtraSecrets.join(", ")}.` : ""}
          </>
        }
      >
        {(p) => <textarea {...p} name="extra" rows={4} defaultValue={v?.extra ?? initialExtra} spellCheck={false} placeholder='{"timeout": 30}' className={`${inputClass} font-mono ${extraErrors.length ? bad : ok}`} />}
      </Field>

      <div className="flex items-center gap-3">
        <div className="w-44 flex-none">
          <SubmitButton pendingLabel={mode === "create" ? "Adding…" : "Saving…"}>{mode === "create" ? "Add connection" : "Save changes"}</SubmitButton>
        </div>
        <p className="text-xs text-slate-500 dark:text-slate-400">Secrets are encrypted before they are stored and are never shown again.</p>
      </div>
    </form>
  );
}

/** The API's messages are fragments after a field name ("must be 1-65535"): put the label in front. */
function readable(label: string, name: string, message: string): string {
  if (message.startsWith(name) || /^[A-Z]/.test(message)) return message;
  return `${label} ${message}`;
}

type FieldChildProps = { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

function Field({ id, label, error, hint, className, children }: { id: string; label: string; error?: string; hint?: React.ReactNode; className?: string; children: (p: FieldChildProps) => React.ReactNode }) {
  const htmlId = `cf-${id}`;
  const describedBy = [error ? `${htmlId}-error` : null, hint ? `${htmlId}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={htmlId} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children({ id: htmlId, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p id={`${htmlId}-error`} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
          {readable(label, id, error)}
        </p>
      ) : null}
      {hint ? (
        <p id={`${htmlId}-hint`} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function TypedField({
  field,
  connType,
  error,
  value,
  isSet,
  authType,
  onAuthType,
}: {
  field: FieldSpec;
  connType: ConnType;
  error?: string;
  value: unknown;
  isSet: boolean;
  authType: string;
  onAuthType: (v: string) => void;
}) {
  const kind = kindOf(field);
  const name = `f.${field.name}`;
  const clearId = useId();
  const label = field.required ? field.label : `${field.label}`;
  const wide = kind.kind === "textarea" || kind.kind === "url";
  const placeholder = connType === "postgres" && field.name === "port" ? "5432" : connType === "mysql" && field.name === "port" ? "3306" : connType === "smtp" && field.name === "port" ? "587" : undefined;

  if (field.secret) {
    const hint = isSet ? "Set — leave blank to keep it." : field.help;
    return (
      <Field id={field.name} label={label} error={error} hint={hint} className={wide ? "sm:col-span-2" : undefined}>
        {(p) => (
          <>
            {kind.kind === "textarea" ? (
              <textarea {...p} name={name} rows={4} spellCheck={false} autoComplete="off" placeholder={isSet ? "•••••••• (set)" : "Paste the JSON key file"} className={`${inputClass} font-mono ${error ? bad : ok}`} />
            ) : (
              <input {...p} name={name} type="password" autoComplete="new-password" spellCheck={false} placeholder={isSet ? "•••••••• (set)" : ""} className={`${inputClass} ${error ? bad : ok}`} />
            )}
            {isSet ? (
              <label htmlFor={clearId} className="mt-1.5 inline-flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                <input id={clearId} type="checkbox" name={`clear.${field.name}`} className="h-3.5 w-3.5 rounded border-slate-300 text-brand-600 dark:border-slate-600" />
                Clear the stored value
              </label>
            ) : null}
          </>
        )}
      </Field>
    );
  }
  if (kind.kind === "checkbox") {
    return (
      <div className="flex items-center gap-2 self-end pb-2">
        <input id={`cf-${field.name}`} type="checkbox" name={name} defaultChecked={value === true || value === "on"} className="h-4 w-4 rounded border-slate-300 text-brand-600 dark:border-slate-600" />
        <label htmlFor={`cf-${field.name}`} className="text-sm text-slate-700 dark:text-slate-300">
          {field.label}
        </label>
      </div>
    );
  }
  if (kind.kind === "select") {
    const isAuth = field.name === "auth_type";
    return (
      <Field id={field.name} label={label} error={error} hint={field.help} className={isAuth ? "sm:col-span-2" : undefined}>
        {(p) =>
          isAuth ? (
            <select {...p} name={name} value={authType} onChange={(e) => onAuthType(e.target.value)} className={`${inputClass} ${error ? bad : ok}`}>
              {kind.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <select {...p} name={name} defaultValue={value === undefined || value === null ? "" : String(value)} className={`${inputClass} ${error ? bad : ok}`}>
              {kind.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )
        }
      </Field>
    );
  }
  return (
    <Field id={field.name} label={field.required ? `${field.label}` : field.label} error={error} hint={field.help} className={wide ? "sm:col-span-2" : undefined}>
      {(p) =>
        kind.kind === "textarea" ? (
          <textarea {...p} name={name} rows={3} defaultValue={value === undefined || value === null ? "" : String(value)} className={`${inputClass} font-mono ${error ? bad : ok}`} />
        ) : (
          <input
            {...p}
            name={name}
            type={kind.kind === "number" ? "text" : kind.kind === "url" ? "url" : "text"}
            inputMode={kind.kind === "number" ? "numeric" : undefined}
            defaultValue={value === undefined || value === null ? "" : String(value)}
            placeholder={placeholder ?? (kind.kind === "url" ? "https://" : undefined)}
            required={field.required}
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} ${kind.kind === "url" ? "font-mono" : ""} ${error ? bad : ok}`}
          />
        )
      }
    </Field>
  );
}
