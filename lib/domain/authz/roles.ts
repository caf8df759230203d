// Roles in increasing power. `owner` exists only on an organization (billing, deletion,
// transfer); every other role may be bound at any scope.
export const ROLES = ["viewer", "operator", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 1, operator: 2, editor: 3, admin: 4, owner: 5 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is at least `minimum`; a missing role is never enough. */
export function roleAtLeast(role: Role | null | undefined, minimum: Role): boolean {
  return role != null && RANK[role] >= RANK[minimum];
}

/** The higher of two roles; null counts as none. */
export function higherRole(a: Role | null, b: Role | null): Role | null {
  if (a == null) return b;
  if (b == null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export const ROLE_LABELS: Record<Role, { label: string; summary: string }> = {
  viewer: { label: "Viewer", summary: "Read DAGs, runs, logs and code." },
  operator: { label: "Operator", summary: "Viewer, plus trigger, clear, mark, pause and backfill." },
  editor: { label: "Editor", summary: "Operator, plus deploy and delete DAGs, connections, variables, pools and webhooks." },
  admin: { label: "Admin", summary: "Editor, plus groups, members, role bindings, tokens and environments within the scope." },
  owner: { label: "Owner", summary: "Admin of the whole organization, plus billing, deletion and transfer." },
};
