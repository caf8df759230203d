// What the environment's form actions (connections, variables, pools) share: reading a
// form field, and turning a service's AppError into the form's state.
import { AppError } from "@/lib/server/errors";
import type { FormState } from "@/app/(auth)/_components/form-state";

/** The URL slugs of an environment, which every environment action is given by its page. */
export type EnvScope = { orgSlug: string; workspaceSlug: string; envSlug: string };

/** A text field's value ("" when absent or a file). */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

/**
 * Invalid fields (422) are marked under their inputs with a summary line; a conflict (409)
 * marks the field it names; any other AppError is the form's message. Other errors are bugs
 * and propagate.
 */
export function formError(error: unknown, values: Record<string, string>): FormState {
  if (!(error instanceof AppError)) throw error;
  if ((error.code === "unprocessable" || error.code === "conflict") && error.details && typeof error.details === "object") {
    return { message: error.code === "conflict" ? undefined : "Fix the fields marked below.", fields: error.details as Record<string, string>, values };
  }
  return { message: error.message, values };
}
