// The DAG pages' shared loader, called after the page's own gate: the DAG (a missing or
// foreign one is the 404 page) and the links the pages build.
import { notFound } from "next/navigation";
import type { EnvironmentAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { findDagWithVersion } from "@/lib/server/services/dags/get-dag";
import { toDagView } from "@/lib/server/services/dags/dag-view";
import { routeParam } from "@/app/_lib/route-param";

export type DagRouteParams = { org: string; ws: string; env: string; dag_id: string };

export const envScopeOf = (p: DagRouteParams) => ({ orgSlug: p.org, workspaceSlug: p.ws, envSlug: p.env });

export async function loadDag<A extends EnvironmentAccess>(access: A, dagIdParam: string) {
  const dagId = routeParam(dagIdParam);
  try {
    const { dag, version, spec } = await findDagWithVersion(access, dagId);
    const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
    const dagsBase = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/dags`;
    return { access, view: toDagView(dag, version), spec, scope, dagsBase, base: `${dagsBase}/${encodeURIComponent(dagId)}` };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
