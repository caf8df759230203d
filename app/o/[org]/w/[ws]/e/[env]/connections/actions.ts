"use server";
// Connection actions for the pages under /connections. Each passes the gate itself (a
// server action is a public POST endpoint whatever page shows it) and calls one service.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { CONN_TYPES, secretFieldsOf, shouldHideValueForKey } from "@/lib/domain/connections";
import { actionAccess, actionResult, type ActionResult } from "@/lib/server/authz";
import { createConnection } from "@/lib/server/services/connections/create-connection";
import { deleteConnection } from "@/lib/server/services/connections/delete-connection";
import type { ConnectionTestResult } from "@/lib/server/services/connections/probe-connection";
import { testConnection } from "@/lib/server/services/connections/test-connection";
import { updateConnection } from "@/lib/server/services/connections/update-connection";
import type { FormState } from "@/app/(auth)/_components/form-state";
import { formError, type EnvScope as FormEnvScope } from "@/app/_lib/form-actions";
import { connectionBodyFromForm } from "./form-body";

export type EnvScope = FormEnvScope;

const connectionsPath = (s: EnvScope) => `/o/${s.orgSlug}/w/${s.workspaceSlug}/e/${s.envSlug}/connections`;

const SECRET_FIELDS = new Set(CONN_TYPES.flatMap((t) => secretFieldsOf(t)).map((f) => `f.${f}`));

/** Non-secret values to put back after a failed submit (secret inputs are never echoed). */
function keptValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || k.startsWith("$") || k.startsWith("clear.") || SECRET_FIELDS.has(k)) continue;
    values[k] = k === "extra" ? withoutSecretExtra(v) : v;
  }
  return values;
}

/** Extra keys that look secret are write-only: not echoed either. */
function withoutSecretExtra(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return text;
    return JSON.stringify(Object.fromEntries(Object.entries(parsed).filter(([k]) => !shouldHideValueForKey(k))), null, 2);
  } catch {
    return "";
  }
}


export async function createConnectionAction(scope: EnvScope, _prev: FormState, form: FormData): Promise<FormState> {
  const values = keptValues(form);
  let target: string;
  try {
    const access = await actionAccess("connection.write", scope);
    const parsed = connectionBodyFromForm(form, "create");
    if (!parsed.ok) return { message: "Fix the fields marked below.", fields: parsed.fields, values };
    const created = await createConnection(access, parsed.body);
    target = `${connectionsPath(scope)}/${encodeURIComponent(created.connection_id)}?saved=created`;
  } catch (error) {
    return formError(error, values);
  }
  revalidatePath(connectionsPath(scope), "layout");
  redirect(target);
}

export async function importConnectionAction(scope: EnvScope, _prev: FormState, form: FormData): Promise<FormState> {
  const connection_id = String(form.get("connection_id") ?? "").trim();
  const description = String(form.get("description") ?? "").trim();
  const uri = String(form.get("uri") ?? "").trim();
  // The URI holds the password: it is never sent back to the page.
  const values = { connection_id, description };
  let target: string;
  try {
    const access = await actionAccess("connection.write", scope);
    const created = await createConnection(access, { connection_id, uri, ...(description ? { description } : {}) });
    target = `${connectionsPath(scope)}/${encodeURIComponent(created.connection_id)}?saved=imported`;
  } catch (error) {
    const state = formError(error, values);
    // Problems about a field the URI set are shown on the URI box.
    if (state.fields) {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(state.fields)) fields[k === "connection_id" ? k : "uri"] = k === "connection_id" || k === "uri" ? v : `${k}: ${v}`;
      state.fields = fields;
    }
    return state;
  }
  revalidatePath(connectionsPath(scope), "layout");
  redirect(target);
}

export async function updateConnectionAction(scope: EnvScope, connectionId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const values = keptValues(form);
  try {
    const access = await actionAccess("connection.write", scope);
    const parsed = connectionBodyFromForm(form, "edit");
    if (!parsed.ok) return { message: "Fix the fields marked below.", fields: parsed.fields, values };
    await updateConnection(access, connectionId, parsed.body);
  } catch (error) {
    return formError(error, values);
  }
  revalidatePath(connectionsPath(scope), "layout");
  return { notice: "Saved. Secret fields you left blank kept their values." };
}

export async function deleteConnectionAction(scope: EnvScope, connectionId: string): Promise<ActionResult> {
  // The gate is called here, not inside a callback, so the route registry can see it.
  try {
    const access = await actionAccess("connection.write", scope);
    await deleteConnection(access, connectionId);
  } catch (error) {
    return actionResult(() => Promise.reject(error));
  }
  revalidatePath(connectionsPath(scope), "layout");
  redirect(`${connectionsPath(scope)}?deleted=${encodeURIComponent(connectionId)}`);
}

export async function testConnectionAction(scope: EnvScope, connectionId: string, options: { postToSlack?: boolean } = {}): Promise<ActionResult<ConnectionTestResult>> {
  try {
    const access = await actionAccess("connection.write", scope);
    return { ok: true, data: await testConnection(access, connectionId, options) };
  } catch (error) {
    return actionResult(() => Promise.reject(error));
  }
}

