"use client";
// The trigger form, built from the DAG's params (Airflow's "Trigger DAG w/ config"): one
// typed input per param (integer, number, string, boolean, enum, JSON), plus an optional conf
// JSON merged under them. The server checks every value against its param (422 naming it).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ParamSpec } from "@/lib/domain/dag/spec";
import { triggerDagRunAction, type EnvScope } from "../../actions";

type Kind = "integer" | "number" | "string" | "boolean" | "enum" | "json";

function kindOf(p: ParamSpec): Kind {
  if (Array.isArray(p.enum) && p.enum.length) return "enum";
  const types = (Array.isArray(p.type) ? p.type : p.type ? [p.type] : []).filter((t) => t !== "null");
  const t = types[0] ?? (typeof p.default === "number" ? (Number.isInteger(p.default) ? "integer" : "number") : typeof p.default);
  if (t === "integer" || t === "number" || t === "string" || t === "boolean") return t;
  return "json";
}

function initialValue(p: ParamSpec, kind: Kind): string {
  if (p.default === undefined) return "";
  if (kind === "json") return JSON.stringify(p.default, null, 2);
  if (kind === "enum") return JSON.stringify(p.default);
  if (kind === "boolean") return p.default ? "true" : "false";
  return p.default === null ? "" : String(p.default);
}

const inputClass =
  "mt-1.5 block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-none focus:ring-2 dark:bg-slate-900 dark:text-slate-100 ";
const ok = "border-slate-300 focus:border-brand-500 focus:ring-brand-500/30 dark:border-slate-700";
const bad = "border-red-500 focus:ring-red-500/30";

export function TriggerForm({ scope, dagId, params, runBase, isPaused }: { scope: EnvScope; dagId: string; params: Record<string, ParamSpec>; runBase: string; isPaused: boolean }) {
  const entries = Object.entries(params);
  const kinds = Object.fromEntries(entries.map(([n, p]) => [n, kindOf(p)])) as Record<string, Kind>;
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(entries.map(([n, p]) => [n, initialValue(p, kinds[n])])));
  const [conf, setConf] = useState("");
  const [runId, setRunId] = useState("");
  const [logicalDate, setLogicalDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();

  const collect = (): { conf: Record<string, unknown> } | { errors: Record<string, string> } => {
    const problems: Record<string, string> = {};
    let extra: Record<string, unknown> = {};
    if (conf.trim()) {
      try {
        const parsed = JSON.parse(conf);
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) problems.conf = "must be a JSON object, e.g. {\"key\": \"value\"}";
        else extra = parsed;
      } catch (e) {
        problems.conf = `is not valid JSON: ${(e as Error).message}`;
      }
    }
    const out: Record<string, unknown> = { ...extra };
    for (const [name, p] of entries) {
      const raw = values[name] ?? "";
      const kind = kinds[name];
      const nullable = Array.isArray(p.type) && p.type.includes("null");
      if (raw === "" && kind !== "boolean" && kind !== "string") {
        if (nullable) out[name] = null;
        else if (p.default === undefined) problems[`conf.${name}`] = "is required";
        continue;
      }
      if (kind === "integer") {
        if (!/^-?\d+$/.test(raw.trim())) problems[`conf.${name}`] = "must be a whole number";
        else out[name] = Number(raw);
      } else if (kind === "number") {
        const n = Number(raw);
        if (raw.trim() === "" || Number.isNaN(n)) problems[`conf.${name}`] = "must be a number";
        else out[name] = n;
      } else if (kind === "boolean") out[name] = raw === "true";
      else if (kind === "enum") out[name] = JSON.parse(raw);
      else if (kind === "json") {
        try {
          out[name] = JSON.parse(raw);
        } catch (e) {
          problems[`conf.${name}`] = `is not valid JSON: ${(e as Error).message}`;
        }
      } else out[name] = raw;
    }
    return Object.keys(problems).length ? { errors: problems } : { conf: out };
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const collected = collect();
    if ("errors" in collected) {
      setErrors(collected.errors);
      setMessage("Fix the highlighted fields.");
      focusFirst(collected.errors);
      return;
    }
    setErrors({});
    start(async () => {
      const result = await triggerDagRunAction(scope, dagId, { conf: collected.conf, dagRunId: runId.trim() || undefined, logicalDate: logicalDate.trim() || undefined });
      if (result.ok) {
        router.push(`${runBase}/${encodeURIComponent(result.runId)}`);
        return;
      }
      setErrors(result.fields);
      setMessage(result.message);
      focusFirst(result.fields);
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-describedby={message ? "trigger-message" : undefined}>
      {message ? (
        <p id="trigger-message" role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-200">
          {message}
        </p>
      ) : null}
      {isPaused ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
          This DAG is paused: the run will wait in the queue and start when the DAG is unpaused, as in Airflow.
        </p>
      ) : null}
      {entries.length ? (
        <fieldset className="space-y-4">
          <legend className="text-sm font-semibold text-slate-900 dark:text-white">Params</legend>
          {entries.map(([name, p]) => (
            <ParamField key={name} name={name} spec={p} kind={kinds[name]} value={values[name] ?? ""} error={errors[`conf.${name}`]} onChange={(v) => setValues((s) => ({ ...s, [name]: v }))} />
          ))}
        </fieldset>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">This DAG declares no params.</p>
      )}
      <details className="rounded-lg border border-slate-200 p-4 dark:border-slate-800" open={Boolean(errors.conf || errors.dag_run_id || errors.logical_date)}>
        <summary className="cursor-pointer text-sm font-medium text-slate-700 dark:text-slate-300">Advanced: conf JSON, run id, logical date</summary>
        <div className="mt-4 space-y-4">
          <div>
            <label htmlFor="field-conf" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              conf (JSON object)
            </label>
            <textarea
              id="field-conf"
              value={conf}
              onChange={(e) => setConf(e.target.value)}
              rows={4}
              spellCheck={false}
              placeholder='{"extra_key": "value"}'
              aria-invalid={errors.conf ? true : undefined}
              aria-describedby={errors.conf ? "field-conf-error" : "field-conf-hint"}
              className={`${inputClass} font-mono ${errors.conf ? bad : ok}`}
            />
            <FieldNote id="field-conf" error={errors.conf} hint="Keys for the params above are taken from their fields; other keys pass through to the run." />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="field-dag_run_id" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
                Run id
              </label>
              <input id="field-dag_run_id" value={runId} onChange={(e) => setRunId(e.target.value)} placeholder="manual__<now>" aria-invalid={errors.dag_run_id ? true : undefined} aria-describedby="field-dag_run_id-error" className={`${inputClass} font-mono ${errors.dag_run_id ? bad : ok}`} />
              <FieldNote id="field-dag_run_id" error={errors.dag_run_id} />
            </div>
            <div>
              <label htmlFor="field-logical_date" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
                Logical date
              </label>
              <input id="field-logical_date" value={logicalDate} onChange={(e) => setLogicalDate(e.target.value)} placeholder="2026-01-01T00:00:00Z (default: now)" aria-invalid={errors.logical_date ? true : undefined} aria-describedby="field-logical_date-error" className={`${inputClass} font-mono ${errors.logical_date ? bad : ok}`} />
              <FieldNote id="field-logical_date" error={errors.logical_date} />
            </div>
          </div>
        </div>
      </details>
      <button
        type="submit"
        disabled={pending}
        className="inline-flex items-center gap-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60 dark:bg-brand-500 dark:hover:bg-brand-400"
      >
        {pending ? "Triggering…" : "Trigger run"}
      </button>
    </form>
  );
}

function focusFirst(errors: Record<string, string>) {
  const first = Object.keys(errors)[0];
  if (!first) return;
  const id = first.startsWith("conf.") ? `field-param-${first.slice(5)}` : `field-${first}`;
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function FieldNote({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  if (error)
    return (
      <p id={`${id}-error`} className="mt-1 text-xs text-red-700 dark:text-red-400">
        {error}
      </p>
    );
  return hint ? (
    <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
      {hint}
    </p>
  ) : null;
}

function ParamField({ name, spec, kind, value, error, onChange }: { name: string; spec: ParamSpec; kind: Kind; value: string; error?: string; onChange: (v: string) => void }) {
  const id = `field-param-${name}`;
  const label = spec.title ?? name;
  const hint = [spec.description, kind === "json" ? "JSON" : kind, spec.minimum !== undefined ? `min ${spec.minimum}` : "", spec.maximum !== undefined ? `max ${spec.maximum}` : ""].filter(Boolean).join(" · ");
  const describedBy = error ? `${id}-error` : `${id}-hint`;
  const common = { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy } as const;
  if (kind === "boolean") {
    return (
      <div>
        <label className="flex items-center gap-3 text-sm font-medium text-slate-700 dark:text-slate-300">
          <input type="checkbox" {...common} checked={value === "true"} onChange={(e) => onChange(e.target.checked ? "true" : "false")} className="h-4 w-4 accent-brand-600" />
          <span>
            {label} {spec.title ? <code className="ml-1 font-mono text-xs text-slate-500">{name}</code> : null}
          </span>
        </label>
        <FieldNote id={id} error={error} hint={hint} />
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        {label} {spec.title ? <code className="ml-1 font-mono text-xs text-slate-500">{name}</code> : null}
      </label>
      {kind === "enum" ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)} className={`${inputClass} ${error ? bad : ok}`}>
          {spec.enum!.map((option) => (
            <option key={JSON.stringify(option)} value={JSON.stringify(option)}>
              {typeof option === "string" ? option : JSON.stringify(option)}
            </option>
          ))}
        </select>
      ) : kind === "json" ? (
        <textarea {...common} value={value} onChange={(e) => onChange(e.target.value)} rows={4} spellCheck={false} className={`${inputClass} font-mono ${error ? bad : ok}`} />
      ) : (
        <input
          {...common}
          type={kind === "string" ? "text" : "text"}
          inputMode={kind === "integer" ? "numeric" : kind === "number" ? "decimal" : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} ${kind !== "string" ? "font-mono" : ""} ${error ? bad : ok}`}
        />
      )}
      <FieldNote id={id} error={error} hint={hint} />
    </div>
  );
}
