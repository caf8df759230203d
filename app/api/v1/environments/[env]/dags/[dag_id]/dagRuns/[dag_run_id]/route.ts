// `GET /api/v1/environments/{env}/dags/{dag_id}/dagRuns/{dag_run_id}` (viewer): one run.
// `PATCH …` (operator) with `{ "state": "success" | "failed" | "queued" }`: mark the run.
import { withAccess } from "@/lib/server/authz";
import { readJsonObject } from "@/lib/server/services/connections/request-body";
import { markDagRun, parseMarkRunBody } from "@/lib/server/services/runs/mark-dag-run";
import { getDagRun } from "@/lib/server/services/runs/get-dag-run";

type Params = { env: string; dag_id: string; dag_run_id: string };

export const GET = withAccess(
  "dag_run.read",
  (params: Params) => ({ environmentId: params.env }),
  async (_request, access, params) => Response.json(await getDagRun(access, params.dag_id, params.dag_run_id)),
);

export const PATCH = withAccess(
  "dag_run.mark",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) => {
    const { state } = parseMarkRunBody(await readJsonObject(request));
    return Response.json(await markDagRun(access, params.dag_id, params.dag_run_id, state));
  },
);
