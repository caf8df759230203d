// The gate for server actions. Actions are public POST endpoints whatever page they sit
// on, so each one checks for itself. Not signed in -> /login; otherwise the AppError
// propagates, and `actionResult` turns it into a value a form can show.
import { redirect } from "next/navigation";
import type { Permission } from "../../domain/authz";
import { AppError } from "../errors";
import type { Access } from "./access";
import { requireAccess } from "./check-access";
import type { ScopeInput } from "./scope-input";

export async function actionAccess<P extends Permission>(permission: P, scope: ScopeInput<P>): Promise<Access<P>> {
  try {
    return await requireAccess(permission, scope);
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") redirect("/login");
    throw error;
  }
}

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

/** Runs an action body; AppErrors become `{ ok: false }`, Next's redirects pass through. */
export async function actionResult<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof AppError) {
      const fields = fieldErrors(error.details);
      return { ok: false, error: { code: error.code, message: error.message, ...(fields ? { fields } : {}) } };
    }
    throw error;
  }
}

/** AppError details that map field names to messages (`{ name: "Enter a name." }`). */
function fieldErrors(details: unknown): Record<string, string> | undefined {
  if (!details || typeof details !== "object" || Array.isArray(details)) return undefined;
  const entries = Object.entries(details as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string");
  return entries.length ? Object.fromEntries(entries) : undefined;
}
