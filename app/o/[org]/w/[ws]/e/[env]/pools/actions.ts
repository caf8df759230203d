"use server";
// Pool actions for the pages under /pools; each passes the gate itself.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actionAccess, actionResult, type ActionResult } from "@/lib/server/authz";
import { createPool } from "@/lib/server/services/pools/create-pool";
import { deletePool } from "@/lib/server/services/pools/delete-pool";
import { updatePool } from "@/lib/server/services/pools/update-pool";
import type { FormState } from "@/app/(auth)/_components/form-state";
import { formError, formText, type EnvScope as FormEnvScope } from "@/app/_lib/form-actions";

export type EnvScope = FormEnvScope;

const poolsPath = (s: EnvScope) => `/o/${s.orgSlug}/w/${s.workspaceSlug}/e/${s.envSlug}/pools`;


const text = formText;

/** A whole number stays a number; anything else goes to the service as typed, which names the problem. */
const slotsOf = (raw: string): unknown => (raw.trim() === "" ? undefined : /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw);

export async function createPoolAction(scope: EnvScope, _prev: FormState, form: FormData): Promise<FormState> {
  const name = text(form, "name").trim();
  const slots = text(form, "slots");
  const description = text(form, "description").trim();
  const values = { name, slots, description };
  try {
    const access = await actionAccess("pool.write", scope);
    await createPool(access, { name, slots: slotsOf(slots), ...(description ? { description } : {}) });
  } catch (error) {
    return formError(error, values);
  }
  revalidatePath(poolsPath(scope), "layout");
  return { notice: `Added ${name}.` };
}

export async function updatePoolAction(scope: EnvScope, name: string, _prev: FormState, form: FormData): Promise<FormState> {
  const slots = text(form, "slots");
  const description = text(form, "description").trim();
  const values = { slots, description };
  try {
    const access = await actionAccess("pool.write", scope);
    // A blank slots field is sent as missing, so the service says it is required.
    await updatePool(access, name, { slots: slotsOf(slots) ?? null, description: description || null });
  } catch (error) {
    return formError(error, values);
  }
  revalidatePath(poolsPath(scope), "layout");
  return { notice: "Saved." };
}

export async function deletePoolAction(scope: EnvScope, name: string): Promise<ActionResult> {
  // The gate is called here, not inside a callback, so the route registry can see it.
  try {
    const access = await actionAccess("pool.write", scope);
    await deletePool(access, name);
  } catch (error) {
    return actionResult(() => Promise.reject(error));
  }
  revalidatePath(poolsPath(scope), "layout");
  redirect(`${poolsPath(scope)}?deleted=${encodeURIComponent(name)}`);
}
