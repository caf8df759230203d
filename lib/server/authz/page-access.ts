// The gate for pages and layouts: not signed in -> /login; not visible -> the 404 page;
// visible but not allowed -> the 403 page. Call it first in every page.tsx and in every
// layout that loads data (layouts render even when their page is refused).
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { Permission } from "../../domain/authz";
import { AppError } from "../errors";
import { REQUEST_PATH_HEADER } from "../request-path";
import type { Access } from "./access";
import { requireAccess } from "./check-access";
import type { ScopeInput } from "./scope-input";

// A layout and its page often ask the same question in one render: answer it once.
const requireOnce = cache((permission: Permission, scopeKey: string) => requireAccess(permission, JSON.parse(scopeKey) as never));

export async function pageAccess<P extends Permission>(permission: P, scope: ScopeInput<P>): Promise<Access<P>> {
  try {
    return (await requireOnce(permission, JSON.stringify(scope ?? null))) as Access<P>;
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "unauthenticated") redirect(loginUrl((await headers()).get(REQUEST_PATH_HEADER), scope));
      if (error.code === "not_found") notFound();
      if (error.code === "forbidden") forbidden();
    }
    throw error;
  }
}

/**
 * Back to where they were going after logging in (the auth pages honour ?next=, on our own
 * site only): the exact page and query asked for, or else the scope's organization path.
 */
function loginUrl(requested: string | null, scope: unknown): string {
  if (requested && requested.length <= 512 && requested.startsWith("/") && !requested.startsWith("//") && requested !== "/") return `/login?next=${encodeURIComponent(requested)}`;
  if (!scope || typeof scope !== "object" || !("orgSlug" in scope)) return "/login";
  const { orgSlug, workspaceSlug, envSlug } = scope as { orgSlug: string; workspaceSlug?: string; envSlug?: string };
  let path = `/o/${encodeURIComponent(orgSlug)}`;
  if (workspaceSlug) path += `/w/${encodeURIComponent(workspaceSlug)}`;
  if (workspaceSlug && envSlug) path += `/e/${encodeURIComponent(envSlug)}`;
  return `/login?next=${encodeURIComponent(path)}`;
}
