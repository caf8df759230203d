"use server";
// API token actions for the tokens page. Each passes the gate itself (a server action is
// a public POST endpoint whatever page shows it) and calls one service.
import { revalidatePath } from "next/cache";
import { actionAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { createApiToken } from "@/lib/server/services/tokens/create-api-token";
import { revokeApiToken } from "@/lib/server/services/tokens/revoke-api-token";
import type { FormState } from "@/app/(auth)/_components/form-state";

export type EnvScope = { orgSlug: string; workspaceSlug: string; envSlug: string };

/** The form's state; `created` carries the secret, shown once and never again. */
export type CreateTokenState = FormState & { created?: { name: string; role: string; secret: string; expiresAt: string } };

const tokensPath = (s: EnvScope) => `/o/${s.orgSlug}/w/${s.workspaceSlug}/e/${s.envSlug}/tokens`;
const str = (data: FormData, key: string) => String(data.get(key) ?? "");

export async function createApiTokenAction(scope: EnvScope, _prev: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const values = { name: str(formData, "name"), role: str(formData, "role"), expiresInDays: str(formData, "expiresInDays") };
  try {
    const access = await actionAccess("api_token.create", scope);
    const token = await createApiToken(access, { name: values.name, role: values.role as never, expiresInDays: values.expiresInDays || undefined });
    revalidatePath(tokensPath(scope));
    return { created: { name: token.name, role: token.role, secret: token.secret, expiresAt: token.expiresAt.toISOString() } };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unprocessable" && error.details && typeof error.details === "object") return { fields: error.details as Record<string, string>, values };
    return { message: error.message, values };
  }
}

export async function revokeApiTokenAction(scope: EnvScope, tokenId: string): Promise<FormState> {
  try {
    const access = await actionAccess("api_token.revoke", scope);
    await revokeApiToken(access, tokenId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { message: error.message };
  }
  revalidatePath(tokensPath(scope));
  return {};
}
