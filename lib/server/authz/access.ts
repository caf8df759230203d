// What the gate hands back: the resolved principal, organization, workspace and
// environment, and the caller's role there. Everything after the gate uses these rows,
// never ids taken straight from the request (STYLE.md habit 1).
import type { LevelOf, Permission, Role } from "../../domain/authz";
import type { RequestContext } from "../request-context";
import type { EnvironmentRow, OrganizationRow, WorkspaceRow } from "../repositories/tenancy";
import type { Principal } from "./principal";

declare const checked: unique symbol;

type RowsFor<L> = L extends "environment"
  ? { organization: OrganizationRow; workspace: WorkspaceRow; environment: EnvironmentRow }
  : L extends "workspace"
    ? { organization: OrganizationRow; workspace: WorkspaceRow; environment: null }
    : L extends "organization"
      ? { organization: OrganizationRow; workspace: null; environment: null }
      : { organization: null; workspace: null; environment: null };

export type Access<P extends Permission = Permission> = {
  /** Only the gate makes these: a service that takes an Access knows the check ran. */
  readonly [checked]: true;
  permission: P;
  principal: Principal;
  /** The effective role at the checked scope; null for account permissions. */
  role: Role | null;
  request: RequestContext;
} & RowsFor<LevelOf<P>>;

/** Any Access whose scope reaches at least an environment / workspace / organization. */
export type EnvironmentAccess = Access & { organization: OrganizationRow; workspace: WorkspaceRow; environment: EnvironmentRow };
export type WorkspaceAccess = Access & { organization: OrganizationRow; workspace: WorkspaceRow };
export type OrganizationAccess = Access & { organization: OrganizationRow };
