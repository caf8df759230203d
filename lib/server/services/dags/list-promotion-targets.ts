// Where a DAG version can be promoted from this page: the other environments of the same
// workspace (in dev, stg, prd order) where the caller may deploy, each with the version
// currently deployed there, so the page can show what would change.
import { roleAtLeast } from "../../../domain/authz";
import { checkAccess, type EnvironmentAccess } from "../../authz";
import { db } from "../../db";
import { AppError } from "../../errors";
import { sortEnvironments } from "../tenancy/load-shell-navigation";

export interface PromotionTarget {
  environmentId: string;
  slug: string;
  name: string;
  currentVersion: string | null;
  currentVersionNumber: number | null;
  currentRawFile: string | null;
}

export async function listPromotionTargets(access: EnvironmentAccess, dagId: string): Promise<PromotionTarget[]> {
  const siblings = await db().environment.findMany({
    where: { workspaceId: access.workspace.id, organizationId: access.organization.id, id: { not: access.environment.id } },
    select: { id: true, slug: true, name: true },
  });
  const out: PromotionTarget[] = [];
  for (const env of sortEnvironments(siblings)) {
    try {
      const target = await checkAccess(access.principal, "dag.read", { environmentId: env.id });
      if (!roleAtLeast(target.role, "editor")) continue;
    } catch (error) {
      if (error instanceof AppError) continue;
      throw error;
    }
    const dag = await db().dag.findFirst({ where: { environmentId: env.id, dagId }, select: { currentVersionId: true } });
    const version = dag?.currentVersionId
      ? await db().dagVersion.findUnique({ where: { id: dag.currentVersionId }, select: { specHash: true, versionNumber: true, rawFile: true } })
      : null;
    out.push({
      environmentId: env.id,
      slug: env.slug,
      name: env.name,
      currentVersion: version?.specHash ?? null,
      currentVersionNumber: version?.versionNumber ?? null,
      currentRawFile: version?.rawFile ?? null,
    });
  }
  return out;
}
