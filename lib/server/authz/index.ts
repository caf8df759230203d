export type { Access, EnvironmentAccess, OrganizationAccess, WorkspaceAccess } from "./access";
export { actionAccess, actionResult, type ActionResult } from "./action-access";
export { checkAccess, loadGrants, NOT_FOUND_MESSAGE, requireAccess } from "./check-access";
export { mutate, type AuditNote, type Tx } from "./mutate";
export { pageAccess } from "./page-access";
export { auditPrincipal, resolvePrincipal, runAsPrincipal, type Principal, type TokenPrincipal, type UserPrincipal } from "./principal";
export { publicRoute } from "./public-route";
export type { ScopeInput } from "./scope-input";
export { withAccess, assertSameOrigin } from "./with-access";
