// How a route names what it acts on: slugs from page URLs
// (/o/<org>/w/<workspace>/e/<env>/…) or ids from API routes (/api/v1/environments/<id>/…).
// The permission's level fixes which shapes are accepted, so a DAG route cannot forget
// the environment.
import type { LevelOf, Permission, PermissionLevel } from "../../domain/authz";

export type SlugScope = { orgSlug: string; workspaceSlug?: string; envSlug?: string };

type ScopeFor<L extends PermissionLevel> = L extends "environment"
  ? { orgSlug: string; workspaceSlug: string; envSlug: string } | { environmentId: string }
  : L extends "workspace"
    ? { orgSlug: string; workspaceSlug: string } | { workspaceId: string }
    : L extends "organization"
      ? { orgSlug: string } | { organizationId: string }
      : Record<string, never> | undefined;

export type ScopeInput<P extends Permission> = ScopeFor<LevelOf<P>>;

/** Any accepted shape, as the gate sees it at run time. */
export type AnyScopeInput =
  | { orgSlug: string; workspaceSlug?: string; envSlug?: string }
  | { environmentId: string }
  | { workspaceId: string }
  | { organizationId: string }
  | Record<string, never>
  | undefined;
