// `GET /api/v1/environments/{env}/dags/{dag_id}/dagRuns/{dag_run_id}` (viewer): one run.
import { withAccess } from "@/lib/server/authz";
import { getDagRun } from "@/lib/server/services/runs/get-dag-run";

type Params = { env: string; dag_id: string; dag_run_id: string };

export const GET = withAccess(
  "dag_run.read",
  (params: Params) => ({ environmentId: params.env }),
  async (_request, access, params) => Response.json(await getDagRun(access, params.dag_id, params.dag_run_id)),
);
