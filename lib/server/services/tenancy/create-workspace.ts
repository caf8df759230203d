// A new workspace with its three environments (dev, stg, prd), audited in the same
// transaction. Organization admins and owners may do it (permission "workspace.create").
import { z } from "zod";
import type { Access } from "../../authz/access";
import { mutate } from "../../authz/mutate";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../accounts/is-unique-violation";
import { DEFAULT_ENVIRONMENTS, slugify } from "./create-organization";

export const ZCreateWorkspaceRequestSchema = z.object({
  name: z.string().trim().min(2, "Enter a workspace name of 2 characters or more.").max(60, "Use at most 60 characters."),
});

export type CreateWorkspaceRequest = z.input<typeof ZCreateWorkspaceRequestSchema>;

export interface CreatedWorkspace {
  id: string;
  slug: string;
  name: string;
  environments: { id: string; slug: string; name: string }[];
}

// Slugs that would read as app routes under /o/<org>/w/.
const RESERVED = new Set(["new", "settings", "api"]);

export async function createWorkspace(access: Access<"workspace.create">, input: CreateWorkspaceRequest): Promise<CreatedWorkspace> {
  const parsed = ZCreateWorkspaceRequestSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter a workspace name.";
    throw new AppError("unprocessable", message, { name: message });
  }
  const { name } = parsed.data;
  const organizationId = access.organization.id;

  // Two people creating "Data" at once race for the same slug: the unique index refuses
  // the second, which simply tries again and gets "data-2".
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertWorkspace(access, organizationId, name);
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function insertWorkspace(access: Access<"workspace.create">, organizationId: string, name: string): Promise<CreatedWorkspace> {
  return mutate(access, "workspace.create", { type: "workspace" }, async (tx, audit) => {
    const base = slugify(name, "workspace");
    const taken = new Set(
      (await tx.workspace.findMany({ where: { organizationId, slug: { startsWith: base } }, select: { slug: true } })).map((w) => w.slug),
    );
    let slug = RESERVED.has(base) ? `${base}-2` : base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;

    const workspace = await tx.workspace.create({ data: { organizationId, name, slug }, select: { id: true, slug: true, name: true } });
    const environments = [];
    for (const env of DEFAULT_ENVIRONMENTS) {
      environments.push(
        await tx.environment.create({
          data: { organizationId, workspaceId: workspace.id, slug: env.slug, name: env.name },
          select: { id: true, slug: true, name: true },
        }),
      );
    }
    audit.targetId = workspace.id;
    audit.summary = { name, slug, environments: environments.map((e) => e.slug) };
    return { ...workspace, environments };
  });
}
