"use server";
// Variable actions for the pages under /variables; each passes the gate itself.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionAccess, actionResult, type ActionResult } from "@/lib/server/authz";
import { createVariable } from "@/lib/server/services/variables/create-variable";
import { deleteVariable } from "@/lib/server/services/variables/delete-variable";
import { updateVariable } from "@/lib/server/services/variables/update-variable";
import type { FormState } from "@/app/(auth)/_components/form-state";
import { formError, formText, type EnvScope as FormEnvScope } from "@/app/_lib/form-actions";

export type EnvScope = FormEnvScope;

const variablesPath = (s: EnvScope) => `/o/${s.orgSlug}/w/${s.workspaceSlug}/e/${s.envSlug}/variables`;


const text = formText;

export async function createVariableAction(scope: EnvScope, _prev: FormState, form: FormData): Promise<FormState> {
  const key = text(form, "key").trim();
  const value = text(form, "value");
  const description = text(form, "description").trim();
  const secretBox = form.get("is_secret") === "on";
  // A value the user marked secret is not echoed back after a failed submit.
  const values = { key, description, ...(secretBox ? {} : { value }), is_secret: secretBox ? "on" : "" };
  try {
    const access = await actionAccess("variable.write", scope);
    await createVariable(access, { key, value, ...(description ? { description } : {}), ...(secretBox ? { is_secret: true } : {}) });
  } catch (error) {
    return formError(error, values);
  }
  revalidatePath(variablesPath(scope), "layout");
  return { notice: `Added ${key}.` };
}

export async function updateVariableAction(scope: EnvScope, key: string, wasSecret: boolean, _prev: FormState, form: FormData): Promise<FormState> {
  const value = text(form, "value");
  const description = text(form, "description").trim();
  const isSecret = form.get("is_secret") === "on";
  const patch: Record<string, unknown> = { description: description || null, is_secret: isSecret };
  // A blank value field is kept when the variable is or becomes secret (the form hides the
  // value then); a plain value is always sent (it is shown in the form).
  if (!((wasSecret || isSecret) && value === "")) patch.value = value;
  const values = { description, ...(isSecret || wasSecret ? {} : { value }), is_secret: isSecret ? "on" : "" };
  try {
    const access = await actionAccess("variable.write", scope);
    await updateVariable(access, key, patch);
  } catch (error) {
    return formError(error, values);
  }
  revalidatePath(variablesPath(scope), "layout");
  return { notice: "Saved." };
}

export async function deleteVariableAction(scope: EnvScope, key: string): Promise<ActionResult> {
  // The gate is called here, not inside a callback, so the route registry can see it.
  try {
    const access = await actionAccess("variable.write", scope);
    await deleteVariable(access, key);
  } catch (error) {
    return actionResult(() => Promise.reject(error));
  }
  revalidatePath(variablesPath(scope), "layout");
  redirect(`${variablesPath(scope)}?deleted=${encodeURIComponent(key)}`);
}
