"use client";
// The Webhooks tab's interactive parts: the create form, the secret shown once (after
// create or rotate) with a copy button and signing examples, and the table with rotate,
// enable/disable and delete for editors.
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { FormAlert, SubmitButton, TextField, useFocusFirstError } from "@/app/(auth)/_components/fields";
import { buttonClass } from "@/app/_components/button";
import { ActionButton } from "@/app/o/[org]/settings/_people/action-button";
import type { WebhookView } from "@/lib/server/services/webhooks/webhook-store";
import { createWebhookAction, deleteWebhookAction, rotateWebhookAction, setWebhookEnabledAction, type EnvScope, type RevealedSecret, type WebhookFormState } from "./actions";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** How long the old secret stays valid after a rotation. */
const GRACE_CHOICES = [
  { hours: 0, label: "stops now" },
  { hours: 1, label: "works 1 more hour" },
  { hours: 24, label: "works 24 more hours" },
  { hours: 168, label: "works 7 more days" },
];

export function CreateWebhookForm({ scope, dagId }: { scope: EnvScope; dagId: string }) {
  const [state, action] = useActionState(createWebhookAction.bind(null, scope, dagId), {} as WebhookFormState);
  const formRef = useFocusFirstError(state);
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    if (state.revealed) setFormKey((k) => k + 1); // an empty form for the next one
  }, [state.revealed]);
  return (
    <div className="space-y-5">
      {state.revealed ? <SecretReveal revealed={state.revealed} /> : null}
      <form key={formKey} ref={formRef} action={action} noValidate className="grid gap-4 sm:grid-cols-[minmax(0,28rem)_10rem] sm:items-start">
        {state.message ? (
          <div className="sm:col-span-2">
            <FormAlert message={state.message} />
          </div>
        ) : null}
        <TextField
          name="name"
          label="New webhook"
          placeholder="e.g. github-release"
          defaultValue={state.revealed ? "" : (state.values?.name ?? "")}
          error={state.fields?.name}
          hint="Who sends it, so you know what stops when you disable it."
          required
          maxLength={100}
          autoComplete="off"
        />
        <div className="sm:pt-7">
          <SubmitButton pendingLabel="Adding…">Add webhook</SubmitButton>
        </div>
      </form>
    </div>
  );
}

function CopyButton({ text, label, what }: { text: string; label: string; what: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false); // clipboard refused: the text stays selectable
    }
  };
  return (
    <>
      <button type="button" onClick={copy} aria-label={label} className={buttonClass("secondary", "px-2.5 py-1.5 text-xs")}>
        {copied ? "Copied" : "Copy"}
      </button>
      <span aria-live="polite" className="sr-only">
        {copied ? `${what} copied to the clipboard` : ""}
      </span>
    </>
  );
}

function examples(url: string, secret: string) {
  const shell = [
    `SECRET='${secret}'`,
    `BODY='{"date": "2026-12-06"}'`,
    `T=$(date +%s)`,
    `SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')`,
    `curl -X POST '${url}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H "Windsock-Signature: t=$T,v1=$SIG" \\`,
    `  -H "Windsock-Delivery: release-$T" \\`,
    `  --data "$BODY"`,
  ].join("\n");
  const node = [
    `import { createHmac, randomUUID } from "node:crypto";`,
    ``,
    `const secret = "${secret}";`,
    `const body = JSON.stringify({ date: "2026-12-06" });`,
    `const t = Math.floor(Date.now() / 1000);`,
    `const v1 = createHmac("sha256", secret).update(\`\${t}.\${body}\`).digest("hex");`,
    `const res = await fetch("${url}", {`,
    `  method: "POST",`,
    `  headers: {`,
    `    "content-type": "application/json",`,
    `    "windsock-signature": \`t=\${t},v1=\${v1}\`,`,
    `    "windsock-delivery": randomUUID(), // retries with the same id start one run`,
    `  },`,
    `  body,`,
    `});`,
    `console.log(res.status, await res.json()); // 202 { dag_run_id, dag_id, state }`,
  ].join("\n");
  return { shell, node };
}

function SecretReveal({ revealed }: { revealed: RevealedSecret }) {
  const [tab, setTab] = useState<"shell" | "node">("shell");
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    boxRef.current?.focus();
  }, [revealed.secret]);
  const code = examples(revealed.url, revealed.secret);
  const tabClass = (active: boolean) =>
    `rounded-md px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-brand-500 ${active ? "bg-slate-800 text-white" : "text-slate-400 hover:text-slate-200"}`;
  return (
    <div
      ref={boxRef}
      tabIndex={-1}
      role="status"
      aria-labelledby="webhook-secret-title"
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 focus:outline-none dark:border-emerald-800 dark:bg-emerald-950/40"
    >
      <p id="webhook-secret-title" className="text-sm font-semibold text-emerald-900 dark:text-emerald-100">
        {revealed.rotated ? `New secret for “${revealed.name}”` : `Webhook “${revealed.name}” added`}
      </p>
      <p className="mt-1 text-sm text-emerald-800 dark:text-emerald-200">
        Copy the secret now: it is shown only once.{" "}
        {revealed.rotated
          ? revealed.previousExpiresAt
            ? `The previous secret is still accepted until ${when.format(new Date(revealed.previousExpiresAt))} UTC: switch the sender before then.`
            : "The previous secret no longer works."
          : "Windsock keeps it encrypted and never shows it again."}
      </p>
      <dl className="mt-3 space-y-2">
        <div className="flex flex-col gap-1.5 sm:flex-row sm:items-center">
          <dt className="w-20 flex-none text-xs font-medium uppercase tracking-wide text-emerald-900/70 dark:text-emerald-200/70">
            <label htmlFor="webhook-secret">Secret</label>
          </dt>
          <dd className="flex min-w-0 flex-1 gap-2">
            <input
              id="webhook-secret"
              aria-label="Webhook signing secret"
              readOnly
              value={revealed.secret}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-lg border border-emerald-300 bg-white px-3 py-1.5 font-mono text-sm text-slate-900 dark:border-emerald-800 dark:bg-slate-950 dark:text-slate-100"
            />
            <CopyButton text={revealed.secret} label="Copy the secret" what="Secret" />
          </dd>
        </div>
        <div className="flex flex-col gap-1.5 sm:flex-row sm:items-center">
          <dt className="w-20 flex-none text-xs font-medium uppercase tracking-wide text-emerald-900/70 dark:text-emerald-200/70">URL</dt>
          <dd className="flex min-w-0 flex-1 items-center gap-2">
            <code data-testid="webhook-url" className="min-w-0 flex-1 truncate rounded-lg bg-white/70 px-3 py-1.5 font-mono text-sm text-slate-900 dark:bg-slate-950/60 dark:text-slate-100">
              {revealed.url}
            </code>
            <CopyButton text={revealed.url} label="Copy the URL" what="URL" />
          </dd>
        </div>
      </dl>
      <div className="mt-4 overflow-hidden rounded-lg bg-slate-950">
        <div className="flex items-center justify-between gap-2 border-b border-slate-800 px-2 py-1.5">
          <div role="tablist" aria-label="Signing example" className="flex gap-1">
            <button type="button" role="tab" aria-selected={tab === "shell"} onClick={() => setTab("shell")} className={tabClass(tab === "shell")}>
              curl + openssl
            </button>
            <button type="button" role="tab" aria-selected={tab === "node"} onClick={() => setTab("node")} className={tabClass(tab === "node")}>
              Node.js
            </button>
          </div>
          <CopyButton text={code[tab]} label="Copy the example" what="Example" />
        </div>
        <pre role="tabpanel" className="overflow-x-auto px-3 py-2.5 font-mono text-xs leading-5 text-slate-200">
          <code>{code[tab]}</code>
        </pre>
      </div>
    </div>
  );
}

const DELIVERY_LABEL: Record<number, string> = { 200: "Repeat", 202: "Accepted", 400: "Bad body", 401: "Bad signature", 404: "Refused: disabled", 409: "Run id taken", 413: "Too large", 422: "Invalid conf" };

function DeliveryStatus({ status }: { status: number }) {
  const ok = status < 300;
  const tone = ok
    ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20"
    : "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/20";
  return (
    <span className={`inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {status} {DELIVERY_LABEL[status] ?? (ok ? "OK" : "Refused")}
    </span>
  );
}

export function WebhooksTable({ scope, dagId, webhooks, canEdit }: { scope: EnvScope; dagId: string; webhooks: WebhookView[]; canEdit: boolean }) {
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [rotateError, setRotateError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [graceHours, setGraceHours] = useState(0);
  const [pending, startTransition] = useTransition();
  const rotate = (id: string) =>
    startTransition(async () => {
      const result = await rotateWebhookAction(scope, dagId, id, graceHours);
      setConfirming(null);
      setRevealed(result.revealed ?? null);
      setRotateError(result.message ?? null);
    });
  return (
    <div className="border-t border-slate-200 dark:border-slate-800">
      {revealed || rotateError ? (
        <div className="px-5 pt-5 sm:px-6">{revealed ? <SecretReveal revealed={revealed} /> : <FormAlert message={rotateError ?? undefined} />}</div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Webhooks of {dagId}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">Name</th>
              <th scope="col" className="px-3 py-2.5 font-medium">URL</th>
              <th scope="col" className="px-3 py-2.5 font-medium">Last delivery</th>
              <th scope="col" className="px-5 py-2.5 text-right font-medium sm:px-6"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {webhooks.map((w) => (
              <tr key={w.webhook_id} className={w.enabled ? undefined : "text-slate-500"}>
                <td className="px-5 py-3 align-top sm:px-6">
                  <p className="whitespace-nowrap font-medium text-slate-900 dark:text-white">{w.name}</p>
                  <span
                    className={`mt-1 inline-flex rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${
                      w.enabled
                        ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20"
                        : "bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-400/20"
                    }`}
                  >
                    {w.enabled ? "Enabled" : "Disabled"}
                  </span>
                </td>
                <td className="max-w-[22rem] px-3 py-3 align-top">
                  <div className="flex items-center gap-2">
                    <code className="min-w-0 truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200" title={w.url}>
                      {w.url}
                    </code>
                    <CopyButton text={w.url} label={`Copy the URL of ${w.name}`} what="URL" />
                  </div>
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                    Secret {w.secret_rotated_at ? `rotated ${when.format(new Date(w.secret_rotated_at))} UTC` : `set ${when.format(new Date(w.created_at))} UTC`}
                  </p>
                  {w.previous_secret_expires_at ? (
                    <p className="mt-0.5 text-xs text-amber-700 dark:text-amber-300">Previous secret accepted until {when.format(new Date(w.previous_secret_expires_at))} UTC</p>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-3 py-3 align-top">
                  {w.last_delivery_at && w.last_delivery_status !== null ? (
                    <>
                      <DeliveryStatus status={w.last_delivery_status} />
                      <span className="block pt-1 text-xs text-slate-500 dark:text-slate-400">{when.format(new Date(w.last_delivery_at))} UTC</span>
                    </>
                  ) : (
                    <span className="text-slate-500 dark:text-slate-400">Never</span>
                  )}
                </td>
                <td className="px-5 py-3 align-top sm:px-6">
                  {canEdit ? (
                    <div className="flex flex-wrap items-start justify-end gap-2">
                      {confirming === w.webhook_id ? (
                        <div role="group" aria-label={`Rotate the secret of ${w.name}`} className="flex flex-wrap items-center justify-end gap-2">
                          <label htmlFor={`grace-${w.webhook_id}`} className="text-xs text-slate-600 dark:text-slate-400">
                            The current secret
                          </label>
                          <select
                            id={`grace-${w.webhook_id}`}
                            value={graceHours}
                            onChange={(e) => setGraceHours(Number(e.target.value))}
                            className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-xs text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
                          >
                            {GRACE_CHOICES.map((c) => (
                              <option key={c.hours} value={c.hours}>
                                {c.label}
                              </option>
                            ))}
                          </select>
                          <button type="button" disabled={pending} onClick={() => rotate(w.webhook_id)} className={buttonClass("primary", "px-2.5 py-1.5 text-xs")}>
                            {pending ? "Rotating…" : "Rotate now"}
                          </button>
                          <button type="button" onClick={() => setConfirming(null)} className={buttonClass("ghost", "px-2.5 py-1.5 text-xs")}>
                            Cancel
                          </button>
                        </div>
                      ) : (
                        <button
                          type="button"
                          onClick={() => {
                            setGraceHours(0);
                            setConfirming(w.webhook_id);
                          }}
                          aria-label={`Rotate the secret of ${w.name}`} className={buttonClass("secondary", "px-2.5 py-1.5 text-xs")}>
                          Rotate secret
                        </button>
                      )}
                      <ActionButton
                        action={setWebhookEnabledAction.bind(null, scope, dagId, w.webhook_id, !w.enabled)}
                        label={w.enabled ? "Disable" : "Enable"}
                        pendingLabel={w.enabled ? "Disabling…" : "Enabling…"}
                        accessibleName={`${w.enabled ? "Disable" : "Enable"} ${w.name}`}
                      />
                      <ActionButton
                        action={deleteWebhookAction.bind(null, scope, dagId, w.webhook_id)}
                        label="Delete"
                        pendingLabel="Deleting…"
                        confirmLabel="Delete now"
                        confirmText="Its URL answers 404 from now on."
                        variant="danger"
                        accessibleName={`Delete ${w.name}`}
                      />
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
