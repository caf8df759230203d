// Where a role binding (or an API token) applies. A scope names its ancestors too, so
// "does this binding cover that target?" is a pure comparison of ids.
export type ScopeLevel = "organization" | "workspace" | "environment";

export type ScopeRef =
  | { level: "organization"; organizationId: string }
  | { level: "workspace"; organizationId: string; workspaceId: string }
  | { level: "environment"; organizationId: string; workspaceId: string; environmentId: string };

/** True when `outer` is `inner` or one of its ancestors (a wider binding applies below it). */
export function scopeContains(outer: ScopeRef, inner: ScopeRef): boolean {
  if (outer.organizationId !== inner.organizationId) return false;
  switch (outer.level) {
    case "organization":
      return true;
    case "workspace":
      return inner.level !== "organization" && inner.workspaceId === outer.workspaceId;
    case "environment":
      return inner.level === "environment" && inner.environmentId === outer.environmentId;
  }
}
