// The DAG pages' shared loader: gate, then the DAG (a missing or foreign one is the 404 page).
import { notFound } from "next/navigation";
import { cache } from "react";
import type { Permission } from "@/lib/domain/authz";
import { pageAccess } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { findDagWithVersion } from "@/lib/server/services/dags/get-dag";
import { toDagView } from "@/lib/server/services/dags/dag-view";

export type DagRouteParams = { org: string; ws: string; env: string; dag_id: string };

export const loadDagPage = cache(async (params: DagRouteParams, permission: Permission & ("dag.read" | "dag.trigger") = "dag.read") => {
  const access = await pageAccess(permission, { orgSlug: params.org, workspaceSlug: params.ws, envSlug: params.env });
  const dagId = decodeURIComponent(params.dag_id);
  try {
    const { dag, version, spec } = await findDagWithVersion(access, dagId);
    const scope = { orgSlug: access.organization.slug, workspaceSlug: access.workspace.slug, envSlug: access.environment.slug };
    const dagsBase = `/o/${scope.orgSlug}/w/${scope.workspaceSlug}/e/${scope.envSlug}/dags`;
    return { access, view: toDagView(dag, version), spec, scope, dagsBase, base: `${dagsBase}/${encodeURIComponent(dagId)}` };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});
