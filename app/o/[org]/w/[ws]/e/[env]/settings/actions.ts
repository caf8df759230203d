"use server";
// Environment settings: admins only (environment.update), audited by the service.
import { revalidatePath } from "next/cache";
import { actionAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { updateEnvironmentSettings } from "@/lib/server/services/environments/update-environment-settings";
import type { FormState } from "@/app/(auth)/_components/form-state";

const NUMBER_FIELDS = ["sandbox_timeout_seconds", "sandbox_memory_mb", "xcom_max_bytes", "log_max_bytes", "local_activity_threshold_seconds"] as const;

export async function saveEnvironmentSettingsAction(scope: { orgSlug: string; workspaceSlug: string; envSlug: string }, _prev: FormState, form: FormData): Promise<FormState> {
  const access = await actionAccess("environment.update", scope);
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const input: Record<string, unknown> = { airflow_defaults: values.airflow_defaults };
  const fields: Record<string, string> = {};
  for (const name of NUMBER_FIELDS) {
    const raw = (values[name] ?? "").trim();
    if (!/^\d+$/.test(raw)) fields[name] = "Enter a whole number.";
    else input[name] = Number(raw);
  }
  if (Object.keys(fields).length) return { fields, values };
  try {
    await updateEnvironmentSettings(access, input);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unprocessable" && error.details && typeof error.details === "object") return { fields: error.details as Record<string, string>, values };
    return { message: error.message, values };
  }
  revalidatePath(`/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}`, "layout");
  return { notice: "Settings saved. New runs use them; running tries keep the limits they started with.", values };
}
