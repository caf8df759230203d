"use server";
// Organization settings actions. Each one passes the gate itself: a server action is a
// public POST endpoint whatever page shows its form.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { actionAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { createWorkspace } from "@/lib/server/services/tenancy/create-workspace";
import { renameOrganization } from "@/lib/server/services/tenancy/rename-organization";
import type { FormState } from "@/app/(auth)/_components/form-state";

export async function createWorkspaceAction(orgSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const name = String(formData.get("name") ?? "");
  let target: string;
  try {
    const access = await actionAccess("workspace.create", { orgSlug });
    const ws = await createWorkspace(access, { name });
    target = `/o/${access.organization.slug}/w/${ws.slug}/e/dev/dags`;
  } catch (error) {
    return formError(error, { name });
  }
  revalidatePath(`/o/${orgSlug}`, "layout");
  redirect(target);
}

export async function renameOrganizationAction(orgSlug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const name = String(formData.get("name") ?? "");
  try {
    const access = await actionAccess("organization.update", { orgSlug });
    await renameOrganization(access, { name });
  } catch (error) {
    return formError(error, { name });
  }
  revalidatePath(`/o/${orgSlug}`, "layout");
  return { notice: "Saved.", values: { name } };
}

/** AppErrors become messages the form shows; anything else is a bug and propagates. */
function formError(error: unknown, values: Record<string, string>): FormState {
  if (!(error instanceof AppError)) throw error;
  if (error.code === "unprocessable" && error.details && typeof error.details === "object") {
    return { fields: error.details as Record<string, string>, values };
  }
  return { message: error.message, values };
}
