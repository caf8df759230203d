// `GET …/dagRuns/{dag_run_id}/taskInstances` (viewer): the run's task instances.
import { withAccess } from "@/lib/server/authz";
import { listTaskInstances } from "@/lib/server/services/runs/list-task-instances";
import { parseListRunsQuery } from "@/lib/server/services/runs/list-query";

type Params = { env: string; dag_id: string; dag_run_id: string };

export const GET = withAccess(
  "dag_run.read",
  (params: Params) => ({ environmentId: params.env }),
  async (request, access, params) =>
    Response.json(await listTaskInstances(access, params.dag_id, params.dag_run_id, parseListRunsQuery(new URL(request.url).searchParams))),
);
