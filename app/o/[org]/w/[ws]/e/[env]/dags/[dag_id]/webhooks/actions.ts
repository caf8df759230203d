"use server";
// Webhook actions for the DAG's Webhooks tab. Each passes the gate itself (a server action
// is a public POST endpoint whatever page shows it) and calls one service. Create and
// rotate answer the secret once; the page never shows it again.
import { revalidatePath } from "next/cache";
import { actionAccess } from "@/lib/server/authz";
import { publicBaseUrl } from "@/lib/server/auth/redirects";
import { AppError } from "@/lib/server/errors";
import { requestHeaders } from "@/lib/server/request-context";
import { createWebhook } from "@/lib/server/services/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/server/services/webhooks/delete-webhook";
import { parseRotateWebhook, rotateWebhookSecret } from "@/lib/server/services/webhooks/rotate-webhook-secret";
import { updateWebhook } from "@/lib/server/services/webhooks/update-webhook";
import type { FormState } from "@/app/(auth)/_components/form-state";

export type EnvScope = { orgSlug: string; workspaceSlug: string; envSlug: string };

/** A secret to show once: after create or rotate. */
export type RevealedSecret = { webhookId: string; name: string; url: string; secret: string; rotated: boolean; previousExpiresAt?: string | null };
export type WebhookFormState = FormState & { revealed?: RevealedSecret };

const webhooksPath = (s: EnvScope, dagId: string) => `/o/${s.orgSlug}/w/${s.workspaceSlug}/e/${s.envSlug}/dags/${encodeURIComponent(dagId)}/webhooks`;

async function baseUrl(): Promise<string> {
  return publicBaseUrl((await requestHeaders()) ?? new Headers());
}

function refusal(error: unknown, values?: Record<string, string>): WebhookFormState {
  if (!(error instanceof AppError)) throw error;
  if (error.code === "unprocessable" && error.details && typeof error.details === "object" && !Array.isArray(error.details)) return { fields: error.details as Record<string, string>, values };
  return { message: error.message, values };
}

export async function createWebhookAction(scope: EnvScope, dagId: string, _prev: WebhookFormState, formData: FormData): Promise<WebhookFormState> {
  const values = { name: String(formData.get("name") ?? "") };
  try {
    const access = await actionAccess("webhook.write", scope);
    const created = await createWebhook(access, dagId, { name: values.name }, await baseUrl());
    revalidatePath(webhooksPath(scope, dagId));
    return { revealed: { webhookId: created.webhook_id, name: created.name, url: created.url, secret: created.secret, rotated: false } };
  } catch (error) {
    return refusal(error, values);
  }
}

/** `graceHours`: how long the old secret is still accepted (0: it stops at once). */
export async function rotateWebhookAction(scope: EnvScope, dagId: string, webhookId: string, graceHours: number = 0): Promise<WebhookFormState> {
  try {
    const access = await actionAccess("webhook.write", scope);
    const { graceHours: hours } = parseRotateWebhook({ expire_previous_in_hours: graceHours });
    const rotated = await rotateWebhookSecret(access, dagId, webhookId, await baseUrl(), hours);
    revalidatePath(webhooksPath(scope, dagId));
    return { revealed: { webhookId: rotated.webhook_id, name: rotated.name, url: rotated.url, secret: rotated.secret, rotated: true, previousExpiresAt: rotated.previous_secret_expires_at } };
  } catch (error) {
    return refusal(error);
  }
}

export async function setWebhookEnabledAction(scope: EnvScope, dagId: string, webhookId: string, enabled: boolean): Promise<FormState> {
  try {
    const access = await actionAccess("webhook.write", scope);
    await updateWebhook(access, dagId, webhookId, { enabled: enabled === true }, await baseUrl());
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(webhooksPath(scope, dagId));
  return {};
}

export async function deleteWebhookAction(scope: EnvScope, dagId: string, webhookId: string): Promise<FormState> {
  try {
    const access = await actionAccess("webhook.write", scope);
    await deleteWebhook(access, dagId, webhookId);
  } catch (error) {
    return refusal(error);
  }
  revalidatePath(webhooksPath(scope, dagId));
  return {};
}
