// The gate for pages and layouts: not signed in -> /login; not visible -> the 404 page;
// visible but not allowed -> the 403 page. Call it first in every page.tsx and in every
// layout that loads data (layouts render even when their page is refused).
import { forbidden, notFound, redirect } from "next/navigation";
import type { Permission } from "../../domain/authz";
import { AppError } from "../errors";
import type { Access } from "./access";
import { requireAccess } from "./check-access";
import type { ScopeInput } from "./scope-input";

export async function pageAccess<P extends Permission>(permission: P, scope: ScopeInput<P>): Promise<Access<P>> {
  try {
    return await requireAccess(permission, scope);
  } catch (error) {
    if (error instanceof AppError) {
      if (error.code === "unauthenticated") redirect("/login");
      if (error.code === "not_found") notFound();
      if (error.code === "forbidden") forbidden();
    }
    throw error;
  }
}
