"use client";
// The environment settings form (admins); others see the values read-only.
import { useActionState } from "react";
import type { EnvironmentSettings } from "@/lib/domain/environment/environment-settings";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { EMPTY_FORM_STATE } from "@/app/(auth)/_components/form-state";
import { saveEnvironmentSettingsAction } from "./actions";

type Scope = { orgSlug: string; workspaceSlug: string; envSlug: string };

const LABELS: Record<keyof EnvironmentSettings, { label: string; hint: string; unit?: string }> = {
  airflow_defaults: { label: "Airflow defaults", hint: "" },
  sandbox_timeout_seconds: { label: "Script time limit", unit: "seconds", hint: "A script task's deadline when it sets no execution_timeout (1–3600)." },
  sandbox_memory_mb: { label: "Script memory limit", unit: "MiB", hint: "Heap a script task may use (8–1024)." },
  xcom_max_bytes: { label: "XCom size limit", unit: "bytes", hint: "Largest value one task may push (1 KiB – 64 MiB)." },
  log_max_bytes: { label: "Log size limit per try", unit: "bytes", hint: "Past it, the log ends with a truncation notice (64 KiB – 256 MiB)." },
  local_activity_threshold_seconds: {
    label: "Local-activity threshold",
    unit: "seconds",
    hint: "Tries whose time limit is at most this run as Temporal local activities (milliseconds per step); longer ones as regular activities that heartbeat (0–600).",
  },
};

export function EnvironmentSettingsForm({ scope, settings, canEdit }: { scope: Scope; settings: EnvironmentSettings; canEdit: boolean }) {
  const [state, action] = useActionState(saveEnvironmentSettingsAction.bind(null, scope), EMPTY_FORM_STATE);
  const formRef = useFocusFirstError(state);
  const value = (k: keyof EnvironmentSettings) => state.values?.[k] ?? String(settings[k]);
  if (!canEdit) {
    return (
      <dl className="grid gap-4 sm:grid-cols-2">
        {(Object.keys(LABELS) as (keyof EnvironmentSettings)[]).map((k) => (
          <div key={k}>
            <dt className="text-sm font-medium text-slate-700 dark:text-slate-300">{LABELS[k].label}</dt>
            <dd className="mt-1 text-sm text-slate-900 dark:text-slate-100">
              {k === "airflow_defaults" ? (settings[k] === "airflow2" ? "Airflow 2" : "Airflow 3") : `${settings[k]} ${LABELS[k].unit ?? ""}`}
            </dd>
          </div>
        ))}
        <p className="text-xs text-slate-500 dark:text-slate-400 sm:col-span-2">Only admins of this environment can change its settings.</p>
      </dl>
    );
  }
  const current = value("airflow_defaults");
  return (
    <form ref={formRef} action={action} noValidate className="space-y-6">
      {state.message ? <FormAlert message={state.message} /> : <FormAlert message={state.notice} tone="success" />}
      <fieldset>
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Airflow defaults</legend>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          How a bare <code className="font-mono">schedule</code> is read in DAGs deployed from now on, and the default of <code className="font-mono">catchup</code>.
        </p>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {[
            { v: "airflow3", title: "Airflow 3", body: "A cron schedule runs at each tick (CronTriggerTimetable); catchup off." },
            { v: "airflow2", title: "Airflow 2", body: "Each run covers the interval between ticks and starts when it ends; catchup on." },
          ].map((o) => (
            <label
              key={o.v}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/50 dark:border-slate-700 dark:has-[:checked]:border-brand-400 dark:has-[:checked]:bg-brand-500/10"
            >
              <input type="radio" name="airflow_defaults" value={o.v} defaultChecked={current === o.v} className="mt-0.5 accent-brand-600" />
              <span>
                <span className="font-medium text-slate-900 dark:text-white">{o.title}</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">{o.body}</span>
              </span>
            </label>
          ))}
        </div>
        {state.fields?.airflow_defaults ? <p className="mt-1 text-xs text-red-700">{state.fields.airflow_defaults}</p> : null}
      </fieldset>
      <div className="grid gap-5 sm:grid-cols-2">
        {(["sandbox_timeout_seconds", "sandbox_memory_mb", "xcom_max_bytes", "log_max_bytes", "local_activity_threshold_seconds"] as const).map((k) => (
          <TextField
            key={k}
            name={k}
            label={`${LABELS[k].label} (${LABELS[k].unit})`}
            inputMode="numeric"
            defaultValue={value(k)}
            error={state.fields?.[k]}
            hint={LABELS[k].hint}
          />
        ))}
      </div>
      <div className="w-40">
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      </div>
    </form>
  );
}
