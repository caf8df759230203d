// A new organization with everything a person needs to start: the creator as a member,
// an `Owners` group holding them, bound as `owner` on the organization (roles reach
// users only through groups), a first workspace and its dev/stg/prd environments.
// Runs inside the caller's transaction: sign-up, and later "new organization" for an
// existing user, both call it.
import type { Prisma } from "../../../../generated/prisma/client";
import { writeAuditEvent, type AuditRequest } from "../../audit/write-audit-event";
import { db } from "../../db";
import { AppError } from "../../errors";

export const DEFAULT_ENVIRONMENTS = [
  { slug: "dev", name: "Development" },
  { slug: "stg", name: "Staging" },
  { slug: "prd", name: "Production" },
] as const;

export type EnvironmentSlug = (typeof DEFAULT_ENVIRONMENTS)[number]["slug"];

export interface CreateOrganizationInput {
  name: string;
  owner: { id: string; email: string };
  workspaceName?: string;
  request?: AuditRequest | null;
}

export interface CreatedOrganization {
  organization: { id: string; slug: string; name: string };
  ownersGroup: { id: string };
  workspace: { id: string; slug: string; name: string };
  environments: Record<EnvironmentSlug, { id: string; slug: EnvironmentSlug }>;
}

export async function createOrganization(tx: Prisma.TransactionClient, input: CreateOrganizationInput): Promise<CreatedOrganization> {
  const name = input.name.trim();
  const slug = await freeOrganizationSlug(tx, slugify(name, "org"));
  const organization = await tx.organization.create({ data: { name, slug }, select: { id: true, slug: true, name: true } });
  await tx.membership.create({ data: { organizationId: organization.id, userId: input.owner.id } });

  const ownersGroup = await tx.group.create({
    data: {
      organizationId: organization.id,
      name: "Owners",
      description: "Full control of the organization, including billing and deletion. Must never be empty.",
      systemKind: "owners",
      members: { create: { userId: input.owner.id } },
    },
    select: { id: true },
  });
  await tx.roleBinding.create({
    data: { organizationId: organization.id, groupId: ownersGroup.id, scopeType: "organization", role: "owner" },
  });

  const workspaceName = input.workspaceName?.trim() || "Default";
  const workspace = await tx.workspace.create({
    data: { organizationId: organization.id, name: workspaceName, slug: slugify(workspaceName, "default") },
    select: { id: true, slug: true, name: true },
  });
  const environments = {} as CreatedOrganization["environments"];
  for (const env of DEFAULT_ENVIRONMENTS) {
    const created = await tx.environment.create({
      data: { organizationId: organization.id, workspaceId: workspace.id, slug: env.slug, name: env.name },
      select: { id: true },
    });
    environments[env.slug] = { id: created.id, slug: env.slug };
  }

  await writeAuditEvent(tx, {
    action: "organization.create",
    outcome: "success",
    principal: { type: "user", id: input.owner.id, name: input.owner.email },
    organizationId: organization.id,
    workspaceId: workspace.id,
    target: { type: "organization", id: organization.id },
    request: input.request ?? null,
    summary: { name, slug: organization.slug, workspace: workspace.slug, environments: DEFAULT_ENVIRONMENTS.map((e) => e.slug) },
  });
  return { organization, ownersGroup, workspace, environments };
}

/**
 * "New organization" for a signed-in person (permission `organization.create`): its own
 * transaction, with the same validation as sign-up's organization name. Retries when a
 * simultaneous creation takes the same slug first.
 */
export async function createOrganizationForUser(
  owner: { userId: string; email: string },
  input: { name: string; workspaceName?: string },
  request: AuditRequest | null = null,
): Promise<CreatedOrganization> {
  const name = String(input.name ?? "").trim();
  if (name.length < 2 || name.length > 80) {
    const message = "Enter the organization's name (2 to 80 characters).";
    throw new AppError("unprocessable", message, { name: message });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction((tx) =>
        createOrganization(tx, { name, workspaceName: input.workspaceName, owner: { id: owner.userId, email: owner.email }, request }),
      );
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      if (code === "P2002" && attempt < 4) continue;
      throw error;
    }
  }
}

/** URL-safe, readable slug: "Ångström Data, Inc." -> "angstrom-data-inc". */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/**
 * `base`, or `base-2`, `base-3`... whichever is free. Two sign-ups racing for the same
 * name can still collide; the unique index refuses the second and sign-up retries.
 */
async function freeOrganizationSlug(tx: Prisma.TransactionClient, base: string): Promise<string> {
  const taken = new Set(
    (await tx.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
