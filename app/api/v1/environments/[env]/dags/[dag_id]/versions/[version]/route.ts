// `GET /api/v1/environments/{env}/dags/{dag_id}/versions/{version}` (viewer): one version
// (spec hash, a unique prefix of it, or its number) with the file as it was deployed.
import { withAccess } from "@/lib/server/authz";
import { getDagVersionFile } from "@/lib/server/services/dags/list-dag-versions";

type Params = { env: string; dag_id: string; version: string };

export const GET = withAccess(
  "dag.read",
  (params: Params) => ({ environmentId: params.env }),
  async (_request, access, params) => Response.json(await getDagVersionFile(access, params.dag_id, params.version)),
);
